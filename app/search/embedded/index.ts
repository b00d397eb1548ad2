export { EmbeddedSearchEngine } from "./engine";
export { EMBEDDED_TUNING, type EmbeddedOptions, type EmbeddedTuning } from "./options";
