import { randomBytes, randomInt, randomUUID } from "node:crypto";

/** An 18-digit numeric id with no leading zero, like Workspace APP job and sub-job ids. */
export function workspaceId(): string {
  return `${randomInt(1, 10)}${Array.from({ length: 17 }, () => randomInt(0, 10)).join("")}`;
}

/** 32 lowercase hex characters, like IMS job ids. */
export function imsJobId(): string {
  return randomBytes(16).toString("hex");
}

/** A random UUID, used for resource (server, image) ids and request ids. */
export function uuid(): string {
  return randomUUID();
}
