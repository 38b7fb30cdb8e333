/** Programmatic API of the generator. */
export { generatePackage, type GenerateInput, type GenerateResult } from './generate.js';
export { loadSpec, type LoadedSpec } from './load/load-spec.js';
export { SpecError, formatProblem, type SpecProblem } from './load/spec-error.js';
export { transformOpenAPIDocument } from './transform/openapi-document.js';
export type { ApiModel, OperationModel, ParameterModel } from './model/api-model.js';
export type { ProviderConfig } from './provider/provider-config.js';
export { writePackageAtomically, staleFiles } from './write/output.js';
