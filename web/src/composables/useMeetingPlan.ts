import { reactive } from 'vue';
import type { MeetingMode, MeetingPlan } from '@/services/api-types';
import { isoToRomeLocal, romeLocalToIso } from './useFormat';

export const meetingModes: MeetingMode[] = ['in_person', 'video', 'mixed'];
export const meetingDurations = [30, 60, 90, 120, 180, 240];

/** The fields of a meeting as typed: day and time in Rome, duration in minutes, mode, room. */
export interface MeetingPlanForm {
  date: string;
  time: string;
  duration: string;
  mode: MeetingMode;
  roomId: string;
}

/** Field of the form → error code. */
export type MeetingPlanErrors = Partial<Record<'date' | 'time' | 'duration' | 'roomId', string>>;

export function createMeetingPlanForm(from?: { startsAt: string; endsAt: string; mode: MeetingMode; roomId: string | null }): MeetingPlanForm {
  if (!from) return reactive({ date: '', time: '', duration: '120', mode: 'in_person', roomId: '' });
  const local = isoToRomeLocal(from.startsAt);
  const minutes = Math.round((Date.parse(from.endsAt) - Date.parse(from.startsAt)) / 60_000);
  return reactive({
    date: local.slice(0, 10),
    time: local.slice(11, 16),
    duration: String(minutes),
    mode: from.mode,
    roomId: from.roomId ?? '',
  });
}

/**
 * The meeting as the API wants it, or the errors of the form: the day and time are read as Italian
 * time whatever the browser's zone; a room is needed unless the meeting is by video only.
 */
export function toMeetingPlan(form: MeetingPlanForm, now: Date = new Date()): { plan: MeetingPlan } | { errors: MeetingPlanErrors } {
  const errors: MeetingPlanErrors = {};
  const date = form.date.trim();
  const time = form.time.trim();
  if (!date) errors.date = 'REQUIRED';
  if (!time) errors.time = 'REQUIRED';
  const startsAt = date && time ? romeLocalToIso(`${date}T${time}`) : null;
  if (date && time && !startsAt) errors.date = 'INVALID_DATE_TIME';
  else if (startsAt && Date.parse(startsAt) <= now.getTime()) errors.date = 'MEETING_IN_PAST';
  const duration = Number(form.duration);
  if (!Number.isInteger(duration) || duration < 15 || duration > 600) errors.duration = 'INVALID_DURATION';
  if (form.mode !== 'video' && !form.roomId) errors.roomId = 'ROOM_REQUIRED';
  if (Object.keys(errors).length > 0 || !startsAt) return { errors };
  return { plan: { startsAt, durationMinutes: duration, mode: form.mode, roomId: form.mode === 'video' ? null : form.roomId } };
}

/**
 * The API's field errors of a meeting, on the form's fields: the zod paths under `prefix`
 * ("firstMeeting.startsAt") and the rules' own paths (meetingAt for the legal window, roomId for a
 * booked or unknown room).
 */
export function meetingPlanApiErrors(apiErrors: Record<string, string>, prefix: string): MeetingPlanErrors {
  const errors: MeetingPlanErrors = {};
  const at = (path: string) => apiErrors[`${prefix}.${path}`] ?? apiErrors[path];
  const start = at('startsAt') ?? apiErrors.meetingAt;
  if (start) errors.date = start;
  const duration = at('durationMinutes');
  if (duration) errors.duration = 'INVALID_DURATION';
  const room = at('roomId');
  if (room) errors.roomId = room === 'booked' ? 'ROOM_BOOKED' : room === 'required' ? 'ROOM_REQUIRED' : 'ROOM_UNKNOWN';
  return errors;
}
