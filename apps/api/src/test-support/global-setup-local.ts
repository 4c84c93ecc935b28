import type { TestProject } from 'vitest/node';
import { prepareTemplate } from './prepare-template';

export const LOCAL_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Uses the PostgreSQL server of the machine (TEST_DATABASE_URL, or 127.0.0.1:5432). */
export default async function setup(project: TestProject): Promise<void> {
  await prepareTemplate(LOCAL_PG_URL);
  project.provide('pgServerUrl', LOCAL_PG_URL);
  project.provide('pgServerKind', 'local');
}
