package pitwall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code pitwall model kinds}: what an experiment spec may name, from the same tables the specs are parsed with. */
class ModelKindsTest {

    @Test
    void listsEveryKindWithItsHyperparameters() {
        Cli.Result r = Cli.run("model", "kinds");
        assertEquals(0, r.code(), r.both());
        for (String kind : pitwall.model.ModelCatalog.kinds()) {
            assertTrue(r.out().contains("\n" + kind + "\n") || r.out().startsWith(kind + "\n"), kind + ": " + r.out());
        }
        assertTrue(r.out().contains("shrinkage (a number, default 0.1, in (0, 1]): learning rate"), r.out());
    }

    @Test
    void anUnknownKindIsNamed() {
        Cli.Result r = Cli.run("model", "kinds", "xgboost");
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("xgboost"), r.err());
    }
}
