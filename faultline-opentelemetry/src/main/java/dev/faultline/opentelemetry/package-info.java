/**
 * Faultline reports as OpenTelemetry log records: {@link dev.faultline.opentelemetry.FaultlineLogs}.
 * Uses only the OpenTelemetry API and the API that faultline-core exports.
 */
package dev.faultline.opentelemetry;
