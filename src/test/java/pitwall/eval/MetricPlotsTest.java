package pitwall.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import pitwall.model.GridBaseline;

class MetricPlotsTest {

    @Test
    void byRaceDrawsALinePerVariantWithAPointPerRace() throws Exception {
        List<VariantResult> variants = variants();
        Document svg = parse(MetricPlots.byRace(variants, Metric.SPEARMAN));
        assertEquals(variants.size(), svg.getElementsByTagName("polyline").getLength());
        String points = svg.getElementsByTagName("polyline").item(0).getAttributes().getNamedItem("points")
                .getNodeValue();
        assertEquals(variants.getFirst().races().size(), points.split(" ").length);
        assertTrue(svg.getElementsByTagName("title").item(0).getTextContent().startsWith("Spearman race by race"));
    }

    @Test
    void summaryDrawsABarPerVariantLabelledWithItsMean() throws Exception {
        List<VariantResult> variants = variants();
        String text = MetricPlots.summary(variants, Metric.MAE);
        Document svg = parse(text);
        // one background rect, one bar and one legend swatch per variant
        assertEquals(1 + 2 * variants.size(), svg.getElementsByTagName("rect").getLength());
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%.4f", variants.getFirst().summary().mae())));
        assertTrue(text.contains("lower is better"));
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The grid baseline and a recording trainer over WalkForwardTest's synthetic seasons 2020–2022. */
    private static List<VariantResult> variants() {
        BacktestResult result = WalkForward.run(WalkForwardTest.matrix(),
                List.of(Variant.baseline(GridBaseline.of()), Variant.model(new RecordingTrainer("recorder"))),
                WalkForwardTest.options(2020, 2022));
        return result.variants();
    }
}
