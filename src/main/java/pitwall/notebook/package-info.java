/**
 * The notebook facade: what a data scientist types in a cell. {@link pitwall.notebook.Workbench} connects to the
 * Worker and the tracker and composes the data, features, experiment, export and serve packages without logic of
 * its own; tables ({@link pitwall.notebook.DataOverview}, {@link pitwall.notebook.FeatureTables},
 * {@link pitwall.notebook.ExperimentTables}, {@link pitwall.notebook.ModelTables},
 * {@link pitwall.notebook.Forecasts}) and tablesaw-jsplot figures ({@link pitwall.notebook.DataCharts},
 * {@link pitwall.notebook.FeatureCharts}, {@link pitwall.notebook.ExperimentCharts},
 * {@link pitwall.notebook.ForecastCharts}) are what cells display. The Jupyter kernel and the display of results
 * live in sub-packages.
 */
package pitwall.notebook;
