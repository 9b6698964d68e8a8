package pitwall.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value spellings of MLflow's file store: Python float repr in metric files, PyYAML scalars in meta.yaml. */
class FileStoreFormatTest {

    @Test
    void metricValuesAreWrittenAsPythonsReprWritesThem() {
        Map<Double, String> cases = new java.util.LinkedHashMap<>();
        cases.put(0.5, "0.5");
        cases.put(1.0, "1.0");
        cases.put(3.4472, "3.4472");
        cases.put(100.0, "100.0");
        cases.put(0.1 + 0.2, "0.30000000000000004");
        cases.put(0.0001, "0.0001");
        cases.put(0.00001, "1e-05");
        cases.put(1.5e-7, "1.5e-07");
        cases.put(1234567890123456.0, "1234567890123456.0");
        cases.put(1e16, "1e+16");
        cases.put(12345678901234567.0, "1.2345678901234568e+16");
        cases.put(1e22, "1e+22");
        cases.put(-2.5, "-2.5");
        cases.put(-0.0, "-0.0");
        cases.put(0.0, "0.0");
        cases.put(5e-324, "5e-324");
        cases.put(Double.MAX_VALUE, "1.7976931348623157e+308");
        cases.put(Double.NaN, "nan");
        cases.put(Double.POSITIVE_INFINITY, "inf");
        cases.put(Double.NEGATIVE_INFINITY, "-inf");
        cases.forEach((value, python) -> {
            assertEquals(python, PyFloat.repr(value), "repr of " + value);
            assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(PyFloat.parse(python)),
                    "round trip of " + python);
        });
    }

    @Test
    void yamlScalarsAreQuotedExactlyWhereYaml11WouldReadSomethingElse() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("Default", "Default");
        cases.put("active", "active");
        cases.put("file:///work/main/mlruns/0", "file:///work/main/mlruns/0");
        cases.put("pitwall walk-forward 2022-2025", "pitwall walk-forward 2022-2025");
        cases.put("it's", "it's");
        cases.put("0", "'0'");
        cases.put("123456789012345678", "'123456789012345678'");
        cases.put("0777", "'0777'");
        cases.put("1.5", "'1.5'");
        cases.put("1e5", "1e5"); // YAML 1.1 floats need a dot
        cases.put("true", "'true'");
        cases.put("Off", "'Off'");
        cases.put("null", "'null'");
        cases.put("~", "'~'");
        cases.put("2025-03-16", "'2025-03-16'");
        cases.put("", "''");
        cases.put("a: b", "'a: b'");
        cases.put("a:b", "a:b");
        cases.put("gbm #2", "'gbm #2'");
        cases.put("gbm#2", "gbm#2");
        cases.put("#1", "'#1'");
        cases.put("- x", "'- x'");
        cases.put("-x", "-x");
        cases.put(" lead", "' lead'");
        cases.put("'quoted'", "'''quoted'''");
        cases.put("[list]", "'[list]'");
        cases.put("Pérez", "Pérez");
        // Expected text from PyYAML 6.0.3 (yaml.safe_dump({"k": value}, default_flow_style=False, allow_unicode=True)).
        cases.put("line\nbreak", "'line\n\n  break'");
        cases.put("multi\n\nblank", "'multi\n\n\n  blank'");
        cases.put("1.5e5", "1.5e5"); // SnakeYAML's own resolver would quote these three, PyYAML's does not
        cases.put("=", "'='");
        cases.put("0x_", "'0x_'");
        cases.put("tab\there", "\"tab\\there\"");
        cases.put("x\u0007y", "\"x\\ay\"");
        cases.forEach((value, yaml) -> {
            assertEquals(yaml, MetaYaml.scalar(value), "YAML of '" + value + "'");
            assertEquals(value, MetaYaml.parse("k: " + yaml + "\n").get("k"), "read back of " + yaml);
        });
        assertEquals("null", MetaYaml.scalar(null));
        assertNull(MetaYaml.parse("k: null\n").get("k"));
    }

    @Test
    void controlCharactersAreEscapedWhereSpellingsDifferTheStringIsTheSame() {
        // PyYAML 6.0.3 writes these; SnakeYAML escapes DEL in lower case and leaves a BOM as it is, inside the same
        // double quotes. Both texts read back, by PyYAML's rules, to the same string.
        Map<String, String> pyyaml = Map.of("\u007fdel", "\"\\x7Fdel\"", "\uFEFFbom", "\"\\uFEFFbom\"");
        pyyaml.forEach((value, python) -> {
            String ours = MetaYaml.scalar(value);
            assertTrue(ours.startsWith("\"") && ours.endsWith("\""), ours);
            assertEquals(value, MetaYaml.parse("k: " + python + "\n").get("k"), "PyYAML's text read back");
            assertEquals(value, MetaYaml.parse("k: " + ours + "\n").get("k"), "our text read back");
        });
    }

    @Test
    void malformedMetaYamlIsATrackingError() {
        TrackingException bad = assertThrows(TrackingException.class, () -> MetaYaml.parse("name: 'unclosed\n"));
        assertTrue(bad.getMessage().startsWith("Malformed meta.yaml"), bad.getMessage());
        TrackingException list = assertThrows(TrackingException.class, () -> MetaYaml.parse("- a\n- b\n"));
        assertTrue(list.getMessage().contains("expected key: value"), list.getMessage());
    }

    @Test
    void longValuesFoldPast80ColumnsAsPyYamlFoldsThem() {
        // Expected text from PyYAML 6 (yaml.dump(..., default_flow_style=False, allow_unicode=True, sort_keys=True)).
        String quoted = "pitwall: gradient boosting vs random forest, walk-forward 2014-2021, post-qualifying features, v2";
        String plain = "gradient boosting vs random forest walk-forward 2014-2021 post-qualifying features v2 and "
                + "more words to fold twice over the width of eighty columns ok";
        String quotedYaml = MetaYaml.experiment(new Experiment("1", quoted, "file:///m/1"), 1, 1);
        assertTrue(quotedYaml.contains("\nname: 'pitwall: gradient boosting vs random forest, walk-forward 2014-2021,"
                + " post-qualifying\n  features, v2'\n"), quotedYaml);
        String plainYaml = MetaYaml.experiment(new Experiment("1", plain, "file:///m/1"), 1, 1);
        assertTrue(plainYaml.contains("\nname: gradient boosting vs random forest walk-forward 2014-2021 "
                + "post-qualifying features\n  v2 and more words to fold twice over the width of eighty columns ok\n"),
                plainYaml);
        assertEquals(quoted, MetaYaml.parse(quotedYaml).get("name"));
        assertEquals(plain, MetaYaml.parse(plainYaml).get("name"));
        String spaced = "a  double  spaced  name  that  is  long  enough  to  pass  the  eighty  column  mark  for  sure";
        assertTrue(MetaYaml.experiment(new Experiment("1", spaced, "x"), 1, 1).contains("name: " + spaced + "\n"),
                "runs of spaces never fold");
    }

    @Test
    void readsMetaYamlAsMlflowWritesItIncludingFoldedLongValues() {
        String mlflowWritten = """
                artifact_uri: file:///home/ana/pitwall/mlruns/472391812345678901/0a1b2c3d4e5f60718293a4b5c6d7e8f9/artifacts
                end_time: 1731500000123
                entry_point_name: ''
                experiment_id: '472391812345678901'
                lifecycle_stage: active
                run_id: 0a1b2c3d4e5f60718293a4b5c6d7e8f9
                run_name: a very long run name that PyYAML folds because it is longer than eighty
                  columns in total
                run_uuid: 0a1b2c3d4e5f60718293a4b5c6d7e8f9
                source_name: ''
                source_type: 4
                source_version: ''
                start_time: 1731500000000
                status: 3
                tags: []
                user_id: ana
                """;
        Map<String, String> m = MetaYaml.parse(mlflowWritten);
        assertEquals("472391812345678901", m.get("experiment_id"));
        assertEquals("", m.get("entry_point_name"));
        assertEquals("3", m.get("status"));
        assertEquals("a very long run name that PyYAML folds because it is longer than eighty columns in total",
                m.get("run_name"));
    }

    @Test
    void fileUrisAreSpelledLikePathlibAsUri() {
        assertEquals("file:///tmp/ml%20runs/0", FileUri.of(Path.of("/tmp/ml runs/0")));
        assertEquals("file:///tmp/caf%C3%A9/mlruns", FileUri.of(Path.of("/tmp/café/mlruns")));
        assertEquals(Path.of("/tmp/ml runs/0"), FileUri.toPath("file:///tmp/ml%20runs/0"));
        assertEquals(Path.of("/tmp/x"), FileUri.toPath("file:/tmp/x"));
    }
}
