// Type-checked (not run) by loading.test.mjs: explicit init, the .wasm location, a Date, and the worker.
import { init, initSync, isReady, Engine, RestanseError, type AssessOutput } from "restanse";
import { init as initTools, sampleGym } from "restanse/tools";
import { EngineWorker, createEngineWorker, type WorkerProgress } from "restanse/worker";

export async function start(wasmUrl?: string): Promise<AssessOutput | string> {
  try {
    await init(wasmUrl ? new URL(wasmUrl) : undefined);
    await initTools();
  } catch (e) {
    if (e instanceof RestanseError && e.kind === "init") return e.message;
    throw e;
  }
  const ready: boolean = isReady();
  void ready;
  return new Engine().assess(sampleGym(10, 1, new Date(2026, 10, 23)), new Date(2026, 10, 23));
}

export function sync(bytes: Uint8Array): void {
  initSync(bytes);
}

export async function offMainThread(): Promise<number> {
  const worker = await createEngineWorker({ policy: { language: "nb" } });
  const controller = new AbortController();
  const stages: WorkerProgress["stage"][] = [];
  const out: AssessOutput = await worker.assess("[]", "2026-11-23", { signal: controller.signal, onProgress: (p) => stages.push(p.stage), strict: true });
  const other = new EngineWorker({ wasmUrl: "/engine.wasm" });
  await other.ready;
  const text: string = await other.reportJson(new Uint8Array(), new Date());
  other.terminate();
  worker.terminate();
  return out.assessments.length + text.length + stages.length;
}
