/** The embedded HTTP predictor: a model bundle, history from the Worker, JSON over the JDK's HttpServer. */
package pitwall.serve;
