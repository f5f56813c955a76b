import { describe, expect, it } from "vitest";
import type { ReplicaOverview } from "../../../src/app/service-overview.js";
import { markSharedLayers } from "../../../src/app/history.js";
import { lineMatcher, nodeStatus, waitingOn, withoutAnsi } from "../../../src/ui/web/model.js";
import type { ViewEdge } from "../../../src/ui/server/project-view.js";

const replica = (service: string, state: ReplicaOverview["state"], extra: Partial<ReplicaOverview> = {}): ReplicaOverview => ({
  id: `${service}-id`, name: `demo-${service}-1`, service, replica: 1, kind: "service", state, status: state, exitCode: 0, health: "", lastProbe: "", restartCount: 0, ports: [], image: "busybox", ...extra,
});

describe("the page's rules", () => {
  it("must give a node the most alarming state of its replicas, and exited with its code", () => {
    expect(nodeStatus("api", [])).toEqual({ state: "pending", text: "pending" });
    expect(nodeStatus("api", [replica("api", "exited", { exitCode: 3 })])).toEqual({ state: "exited", text: "exited(3)" });
    expect(nodeStatus("api", [replica("api", "healthy"), replica("api", "unhealthy", { id: "2" })]).state).toBe("unhealthy");
  });

  it("must name every dependency a node still waits on, with its condition", () => {
    const edges: ViewEdge[] = [
      { from: "api", to: "db", kind: "depends_on", condition: "service_healthy", required: true },
      { from: "api", to: "job", kind: "depends_on", condition: "service_completed_successfully", required: true },
      { from: "web", to: "api", kind: "depends_on", condition: "service_started", required: true },
    ];
    const statuses = new Map([
      ["db", { state: "starting" as const, text: "starting" }],
      ["job", { state: "running" as const, text: "running" }],
    ]);
    expect(waitingOn({ name: "api", kind: "service", oneShot: false, buildable: false }, edges, statuses)).toEqual(["db (healthy)", "job (completed)"]);
    expect(waitingOn({ name: "web", kind: "service", oneShot: false, buildable: false }, edges, statuses)).toEqual(["api (started)"]);
    statuses.set("api", { state: "running", text: "running" });
    expect(waitingOn({ name: "api", kind: "service", oneShot: false, buildable: false }, edges, statuses)).toEqual([]);
  });

  it("must filter log lines by text or regular expression, on what the user reads", () => {
    expect(lineMatcher({ service: "", text: "ERR", regex: false }).test("an err here")).toBe(true);
    expect(lineMatcher({ service: "", text: "^tick \\d+$", regex: true }).test("tick 12")).toBe(true);
    expect(lineMatcher({ service: "", text: "(", regex: true }).error).toBeDefined();
    expect(withoutAnsi("\u001b[31mred\u001b[0m alert")).toBe("red alert");
  });
});

describe("shared layers", () => {
  const layer = (id: string, createdBy: string, sizeBytes = 1) => ({ id, created: 1, createdBy, sizeBytes, comment: "", tags: [] });

  it("must mark the layers two images share from the base up, and only those", () => {
    const [web, api] = markSharedLayers([
      { reference: "web", layers: [layer("sha256:w2", "RUN web"), layer("sha256:base", "")] },
      { reference: "api", layers: [layer("sha256:a2", "RUN api"), layer("sha256:base", "")] },
    ]);
    expect(web?.layers?.map((entry) => entry.sharedWith)).toEqual([[], ["api"]]);
    expect(api?.layers?.map((entry) => entry.sharedWith)).toEqual([[], ["web"]]);
    expect(web?.totalBytes).toBe(2);
  });

  it("must not call a step shared when what lies below it differs", () => {
    const [one, two] = markSharedLayers([
      { reference: "one", layers: [layer("<missing>", "CMD x", 0), layer("sha256:b1", "")] },
      { reference: "two", layers: [layer("<missing>", "CMD x", 0), layer("sha256:b2", "")] },
    ]);
    expect(one?.layers?.[0]?.sharedWith).toEqual([]);
    expect(two?.layers?.[0]?.sharedWith).toEqual([]);
  });

  it("must show an image that is not present without layers", () => {
    expect(markSharedLayers([{ reference: "gone", layers: undefined }])).toEqual([{ reference: "gone", totalBytes: 0 }]);
  });
});
