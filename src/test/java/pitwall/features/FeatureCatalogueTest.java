package pitwall.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import pitwall.cli.FeaturesCommand;

class FeatureCatalogueTest {

    static final List<String> REQUIRED_BOTH = List.of("championshipPoints", "championshipPosition", "lastFinish",
            "starts");
    static final List<String> REQUIRED_POST = List.of("grid", "qualiPosition", "qualiGapMs", "qualiGapPct");

    @Test
    void requiredFeaturesAreInTheRightSets() {
        FeatureSet pre = FeatureCatalogue.preQualifying(), post = FeatureCatalogue.postQualifying();
        REQUIRED_BOTH.forEach(f -> assertTrue(pre.has(f) && post.has(f), f));
        REQUIRED_POST.forEach(f -> {
            assertTrue(post.has(f), f);
            assertFalse(pre.has(f), f + " reads the race's qualifying");
            assertTrue(FeatureCatalogue.isPostQualifying(f));
        });
        assertEquals(FeatureCatalogue.PRE_QUALIFYING, pre.name());
        assertEquals(FeatureCatalogue.POST_QUALIFYING, post.name());
    }

    @Test
    void postQualifyingIsPreQualifyingPlusTheRacesQualifying() {
        List<String> pre = FeatureCatalogue.preQualifying().names(), post = FeatureCatalogue.postQualifying().names();
        assertEquals(pre, post.subList(0, pre.size()));
        post.subList(pre.size(), post.size()).forEach(f -> assertTrue(FeatureCatalogue.isPostQualifying(f), f));
        pre.forEach(f -> assertFalse(FeatureCatalogue.isPostQualifying(f), f));
    }

    @Test
    void everyFeatureIsDocumented() {
        for (FeatureSet set : List.of(FeatureCatalogue.preQualifying(), FeatureCatalogue.postQualifying())) {
            for (FeatureDef def : set.defs()) {
                assertFalse(def.meaning().isBlank(), def.name() + " meaning");
                assertFalse(def.window().isBlank(), def.name() + " window");
                assertFalse(def.missingRule().isBlank(), def.name() + " missing rule");
                assertTrue(FeatureCatalogue.defs().contains(def), def.name() + " in the catalogue");
            }
        }
        assertEquals(FeatureCatalogue.postQualifying().size(), FeatureCatalogue.defs().size());
        assertTrue(FeatureCatalogue.postQualifying().defs().stream().filter(d -> d.name().equals("grid"))
                .allMatch(d -> d.meaning().contains("pit-lane")), "grid says how a pit-lane start is counted");
    }

    @Test
    void setsByName() {
        assertSame(FeatureCatalogue.preQualifying(), FeatureCatalogue.set("pre"));
        assertSame(FeatureCatalogue.postQualifying(), FeatureCatalogue.set("post-qualifying"));
        var e = assertThrows(IllegalArgumentException.class, () -> FeatureCatalogue.set("post-race"));
        assertTrue(e.getMessage().contains("post-race") && e.getMessage().contains("pre-qualifying"));
    }

    @Test
    void aSetMayBeAnySubsetButOnlyOfCataloguedFeatures() {
        FeatureSet custom = new FeatureSet("custom", List.of(new FeatureDef("bogus", "x", "y", "z")));
        var e = assertThrows(IllegalArgumentException.class, () -> FeatureCatalogue.features(custom));
        assertTrue(e.getMessage().contains("bogus"));
        FeatureSet subset = new FeatureSet("two", FeatureCatalogue.postQualifying().defs().stream()
                .filter(d -> d.name().equals("grid") || d.name().equals("starts")).toList());
        assertEquals(2, FeatureCatalogue.features(subset).size());
    }

    @Test
    void featuresListPrintsEveryFeature() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new FeaturesCommand()).setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("list"));
        String text = out.toString();
        for (FeatureDef def : FeatureCatalogue.defs()) {
            assertTrue(text.contains(def.name()), def.name());
            assertTrue(text.contains(def.missingRule()), def.name() + " missing rule");
        }
        assertTrue(text.contains("pre-qualifying") && text.contains("post-qualifying"));
    }
}
