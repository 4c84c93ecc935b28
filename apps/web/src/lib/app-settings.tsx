import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { Loading } from '../components/states';
import { calendarTimeZone, setCalendarTimeZone } from './dates';
import { settingsQuery } from './settings-api';

const TimeZoneContext = createContext<string | undefined>(undefined);

/**
 * The API's settings for the logged-in app: its pages render once the time zone (APP_TIMEZONE) is known, so every
 * date, date-time and "today" they show is on the API's calendar from the first render. Should the settings not
 * load, the pages still render, on the browser's zone.
 */
export function AppSettingsProvider({ children }: { children: ReactNode }) {
  const settings = useQuery(settingsQuery());
  if (settings.isPending) return <Loading />;
  const zone = settings.data?.time_zone;
  // Set during render, not in an effect: the pages below compute their default ranges in their first render.
  setCalendarTimeZone(zone);
  return <TimeZoneContext.Provider value={zone ?? calendarTimeZone()}>{children}</TimeZoneContext.Provider>;
}

/** The zone dates and date-times are shown in (the browser's outside an AppSettingsProvider). */
export function useTimeZone(): string {
  return useContext(TimeZoneContext) ?? calendarTimeZone();
}
