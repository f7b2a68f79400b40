import type { AgendaEntryView, CaseFees, MediatorView, RoomView, Timeline } from './api-types';
import { bodyPath, queryString, request } from './http';

const casePath = (bodyId: string, caseId: string, rest: string) => bodyPath(bodyId, `/cases/${encodeURIComponent(caseId)}${rest}`);

/** The case's audit trail, oldest first. */
export function getTimeline(bodyId: string, caseId: string): Promise<Timeline> {
  return request<Timeline>('GET', casePath(bodyId, caseId, '/timeline'));
}

/** What each party owes, with the breakdown by line (DM 150/2023). */
export function getFees(bodyId: string, caseId: string): Promise<CaseFees> {
  return request<CaseFees>('GET', casePath(bodyId, caseId, '/fees'));
}

/** The rooms of the body's branches. */
export async function listRooms(bodyId: string): Promise<RoomView[]> {
  return (await request<{ items: RoomView[] }>('GET', bodyPath(bodyId, '/rooms'))).items;
}

export interface AgendaQuery {
  /** ISO instants; at most 92 days apart. */
  from: string;
  to: string;
  scope: 'mine' | 'all';
  roomId?: string;
}

/** Meetings of a period: one's own in full, the others' anonymised for mediators. */
export async function listAgenda(bodyId: string, query: AgendaQuery): Promise<AgendaEntryView[]> {
  return (await request<{ items: AgendaEntryView[] }>('GET', bodyPath(bodyId, `/agenda${queryString({ ...query })}`))).items;
}

/** The body's mediators, for the manual designation (needs cases.advance). */
export function listMediators(bodyId: string): Promise<MediatorView[]> {
  return request<MediatorView[]>('GET', bodyPath(bodyId, '/mediators'));
}
