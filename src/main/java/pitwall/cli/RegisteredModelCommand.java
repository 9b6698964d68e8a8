package pitwall.cli;

import java.util.List;
import picocli.CommandLine.Parameters;
import pitwall.track.ModelRegistry;
import pitwall.track.RegisteredModel;
import pitwall.track.TrackingException;

/** A command about one registered model: {@code NAME}, in the registry of {@code --tracking-uri}. */
abstract class RegisteredModelCommand extends TrackerCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "A registered model, e.g. pitwall-ensembles.")
    String name;

    ModelRegistry openRegistry() {
        return ModelRegistry.open(tracking.config());
    }

    /** The registered model, or an error that names the models there are. */
    RegisteredModel require(ModelRegistry registry) {
        try {
            return registry.registeredModel(name);
        } catch (TrackingException e) {
            if (!"RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
                throw e;
            }
            List<String> names = registry.registeredModels().stream().map(RegisteredModel::name).toList();
            throw new TrackingException("no registered model '" + name + "' in " + registry.describe()
                    + (names.isEmpty() ? " (it has none: `pitwall model export` registers pitwall-<spec name>)"
                    : "; registered: " + String.join(", ", names)
                    + (names.contains("pitwall-" + name) ? " (did you mean pitwall-" + name + "?)" : "")),
                    e.errorCode(), e);
        }
    }
}
