/** The emulator's state: workspaces of services, activities and jobs, optionally persisted. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { StoredFields } from "./validation";

export interface ServiceRecord extends StoredFields {
  id: string;
  status: "ENABLED" | "SUSPENDED";
  generation: number;
  createdAt: string;
  updatedAt: string;
  /** Until this moment (ms) the service reports status SUSPENDED: the activation delay. */
  enabledAfter: number;
  /** Set for a service stored as given through /__emulator/raw-services (a type the emulator does not model). */
  raw?: Record<string, unknown>;
}

export interface Activity {
  id: string;
  key: string;
  title: string;
  message: string;
  source: { id: string; type: string; name: string; resourceUri: string };
  createdAt: string;
  /** Listed only from this moment (ms): setting `testResultDelayMs`. */
  visibleAfter?: number;
}

export interface Job {
  id: string;
  jobTemplate: string;
  resourceType: string;
  resourceId: string;
  jobParams: Record<string, unknown>;
  state: "APPROVAL_PENDING" | "PENDING" | "RUNNING" | "COMPLETE" | "ERROR" | "STALLED";
  resultCode: "SUCCESS" | "FAILURE" | null;
  statusDetails: string | null;
  createdAt: string;
  updatedAt: string;
  /** When a RUNNING job ends (ms); set when it starts running. */
  completeAfter: number;
}

export interface Workspace {
  services: Record<string, ServiceRecord>;
  activities: Activity[];
  jobs: Record<string, Job>;
}

interface Persisted { workspaces: Record<string, Workspace> }

/** Holds every workspace; writes through to a data file when one is given. */
export class Store {
  private workspaces: Record<string, Workspace> = {};

  constructor(private readonly dataFile?: string) {
    if (dataFile && fs.existsSync(dataFile)) {
      this.workspaces = (JSON.parse(fs.readFileSync(dataFile, "utf8")) as Persisted).workspaces;
    }
  }

  workspace(id: string): Workspace {
    return (this.workspaces[id] ??= { services: {}, activities: [], jobs: {} });
  }

  allWorkspaces(): Record<string, Workspace> {
    return this.workspaces;
  }

  /** Persists after a mutation: written to a temporary file and renamed, so a crash loses nothing. */
  save(): void {
    if (!this.dataFile) return;
    fs.mkdirSync(path.dirname(this.dataFile), { recursive: true });
    const tmp = `${this.dataFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ workspaces: this.workspaces } satisfies Persisted));
    fs.renameSync(tmp, this.dataFile);
  }

  reset(): void {
    this.workspaces = {};
    this.save();
  }
}
