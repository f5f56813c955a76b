/**
 * stacks/postgres for real: the init job creates the schema once the
 * database is healthy, Adminer logs in to the database over the stack's
 * network and shows a row, and the data survives `down` in the named volume.
 */
import { describe, expect, it } from "vitest";
import { execIn, expectDownKeepsAndDownVRemoves, useReadyMadeStack } from "./ready-made.js";

const stack = useReadyMadeStack("postgres", ["POSTGRES_PORT", "ADMINER_PORT"]);

const sql = (statement: string) => execIn(stack(), "db", ["psql", "-U", "app", "-d", "app", "-tAc", statement]);

/** Logs in to Adminer as a browser would (form post, session cookie) and returns the notes table page. */
async function notesThroughAdminer(): Promise<string> {
  const base = `http://127.0.0.1:${stack().ports.ADMINER_PORT}/`;
  const form = new URLSearchParams({ "auth[driver]": "pgsql", "auth[server]": "db", "auth[username]": "app", "auth[password]": "app", "auth[db]": "app" });
  const login = await fetch(base, { method: "POST", body: form, redirect: "manual" });
  // A wrong password renders the form again (200); a successful login redirects into the database.
  expect(login.status).toBe(302);
  const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const table = await fetch(`${base}?pgsql=db&username=app&db=app&ns=app&select=notes`, { headers: { cookie: cookies } });
  expect(table.status).toBe(200);
  return table.text();
}

describe("stacks/postgres", () => {
  it("must create the schema once, reach the database from Adminer, keep rows across down/up, and leave nothing after down -v", async () => {
    const up = await stack().run(["up", "--wait", "--progress", "plain"]);
    expect(up.status, up.stderr).toBe(0);
    const ps = JSON.parse((await stack().run(["ps", "-a", "--format", "json"])).stdout) as { service: string; status: string }[];
    expect(Object.fromEntries(ps.map((row) => [row.service, row.status]))).toEqual({ db: "healthy", init: "completed", adminer: "healthy" });

    expect(await sql("INSERT INTO app.notes (body) VALUES ('written before down') RETURNING id")).toMatch(/^1\n/);
    expect(await notesThroughAdminer()).toContain("written before down");
    // The password reached PostgreSQL through the secret's file, never through the environment.
    expect(await execIn(stack(), "db", ["env"])).not.toMatch(/POSTGRES_PASSWORD=/);

    await expectDownKeepsAndDownVRemoves(stack(), async () => {
      // The init job ran again (IF NOT EXISTS) and left the row alone.
      expect(await sql("SELECT body FROM app.notes ORDER BY id")).toBe("written before down\n");
    });
  });
});
