package pitwall.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DnfGateTest {

    @Test
    void servedOnlyWhenTheLogLossBeatsTheBaseRate() {
        BundleManifest.DnfVerdict better = BundleManifest.DnfVerdict.of(0.4391, 0.4427);
        assertTrue(better.served());
        assertEquals("served: log loss 0.4391 vs base rate 0.4427", better.verdict());
        BundleManifest.DnfVerdict worse = BundleManifest.DnfVerdict.of(0.4450, 0.4427);
        assertFalse(worse.served());
        assertEquals("not served: does not beat the base rate (log loss 0.4450 vs base rate 0.4427)",
                worse.verdict());
        assertFalse(BundleManifest.DnfVerdict.of(0.4427, 0.4427).served(), "a tie does not beat it");
    }

    @Test
    void aRunWithoutDnfMetricsIsNotServed() {
        BundleManifest.DnfVerdict none = BundleManifest.DnfVerdict.of(null, 0.44);
        assertFalse(none.served());
        assertTrue(none.verdict().startsWith("not served: the run recorded no DNF log loss"), none.verdict());
        assertFalse(BundleManifest.DnfVerdict.of(Double.NaN, 0.44).served());
    }

    @Test
    void aManifestFromBeforeTheGateHasNoVerdict() throws Exception {
        String fixture;
        try (var in = getClass().getResourceAsStream("manifest-v1.json")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) BundleManifest.JSON.readTree(fixture);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("evaluation")).remove("dnf");
        BundleManifest old = BundleManifest.parse(BundleManifest.JSON.writeValueAsString(tree), "old");
        assertNull(old.evaluation().dnf(), "parsed; such bundles keep serving their DNF probability");
        assertTrue(BundleManifest.parse(fixture, "new").evaluation().dnf().served());
    }
}
