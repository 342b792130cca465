// Policy of `case.closed`: every contact with an active grant on the case hears that it was closed
// (in-app once they have a portal identity, and by email), so an upload refused later is no surprise.
// A rename or a reassignment tells nobody (decision 0036).
import type { Policy, Recipient } from '../policy';
import { portalPath, toEach } from './case-people';

export interface CaseLifecyclePorts {
  /** Contacts whose grant on the case is active, as recipients. */
  activeContactsOf(firmId: string, caseId: string): Promise<Recipient[]>;
  /** The firm's name and its portal base URL (or the default). */
  firm(firmId: string): Promise<{ name: string; portalUrl: string }>;
}

declare module '../policy' {
  interface PolicyPorts {
    caseLifecycle: CaseLifecyclePorts;
  }
}

export const caseClosedPolicy: Policy<'case.closed'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const ports = ctx.ports.caseLifecycle;
  const [contacts, firm] = await Promise.all([
    ports.activeContactsOf(event.firmId, event.caseId),
    ports.firm(event.firmId),
  ]);
  const link = portalPath(firm.portalUrl, 'cases', event.caseId);
  const vars = { firmName: firm.name, caseTitle: event.detail.title };
  return toEach(contacts, event.actor.id, (r) => ctx.texts.render('case.closed', r, vars, { link }));
};
