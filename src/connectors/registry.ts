import { bamboohr } from './bamboohr/index.ts';
import { charliehr } from './charliehr/index.ts';
import { csvSftp } from './csv-sftp/index.ts';
import { deel } from './deel/index.ts';
import { factorial } from './factorial/index.ts';
import { gusto } from './gusto/index.ts';
import { hibob } from './hibob/index.ts';
import { namely } from './namely/index.ts';
import { personio } from './personio/index.ts';
import { rippling } from './rippling/index.ts';
import { sageHr } from './sage-hr/index.ts';
import { scim } from './scim/index.ts';
import { workdayRaas } from './workday-raas/index.ts';
import { workday } from './workday/index.ts';

/** Every connector Rollcall ships, explicitly listed (STYLE: no discovery, no side-loading). */
export const CONNECTORS = [
  bamboohr,
  hibob,
  personio,
  gusto,
  workday,
  workdayRaas,
  rippling,
  deel,
  sageHr,
  factorial,
  namely,
  charliehr,
  scim,
  csvSftp,
] as const;

export type RegisteredConnector = (typeof CONNECTORS)[number];
export type ConnectorId = RegisteredConnector['id'];

/** The ids of every registered connector, in catalogue order. */
export function connectorIds(): string[] {
  return CONNECTORS.map((connector) => connector.id);
}

export function findConnector(id: string): RegisteredConnector | undefined {
  return CONNECTORS.find((connector) => connector.id === id);
}

/** The connector with this id; throws an error that lists the known ids when there is none. */
export function getConnector(id: string): RegisteredConnector {
  const connector = findConnector(id);
  if (connector === undefined) {
    throw new Error(`Unknown connector "${id}". Known connectors: ${connectorIds().join(', ')}.`);
  }
  return connector;
}
