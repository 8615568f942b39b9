/** How long a chosen time is held while a person enters their details. */
export const HOLD_MINUTES = 10;
/** How often a person may ask for more time (WCAG 2.2.1: timing adjustable). */
export const MAX_HOLD_EXTENSIONS = 3;
/** How long a waitlist offer (and the place held for it) lasts, at most. */
export const OFFER_MINUTES = 240;
/** An offer is only made if the person still has this long to get there. */
export const OFFER_MIN_LEAD_MINUTES = 120;
/** After this many offers that ran out unclaimed, a waitlist entry lapses. */
export const MAX_MISSED_OFFERS = 2;
/** On the waitlist, a permit expiring within this many days counts as urgent and goes first. */
export const WAITLIST_URGENT_DAYS = 42;
