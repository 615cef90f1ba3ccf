/** What the 共享职工之家 page's load returns and its view (pages/VenuesView.tsx) renders. */

export type Named = { name: string; nameEn: string };

export type SlotState = "free" | "taken" | "mine" | "past";

export type VenuesPageData = {
  today: string;
  venues: (Named & { id: string })[];
  venue:
    | (Named & {
        id: string;
        address: string;
        advanceDays: number;
        maxOpenBookings: number;
        cancelBeforeMinutes: number;
        needsApproval: boolean;
        pointsPerVisit: number;
      })
    | null;
  /** Today … today + advanceDays: each day and whether the venue opens. */
  days: { date: string; weekday: number; open: boolean }[];
  date: string;
  slots: { code: string; starts: string; ends: string }[];
  rooms: (Named & { id: string; capacity: number; facilities: string; facilitiesEn: string; cells: { slot: string; state: SlotState }[] })[];
  /** The booking program this person may apply to (its form is where a booking is made), or null. */
  bookProgramId: string | null;
  myBookings: MyBooking[];
};

export type MyBooking = {
  id: string;
  venue: Named;
  room: Named;
  day: string;
  starts: string;
  ends: string;
  status: "pending" | "confirmed" | "attended" | "cancelled" | "released";
  /** Cancellable until this time (ISO); null when it cannot be cancelled (any more). */
  cancelUntil: string | null;
  /** Check-in is open now. */
  canCheckIn: boolean;
  /** When check-in opens (HH:MM) for a confirmed booking still ahead. */
  checkInOpens: string | null;
  pointsPerVisit: number;
};
