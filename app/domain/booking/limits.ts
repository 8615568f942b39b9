/** How long a chosen time is held while a person enters their details. */
export const HOLD_MINUTES = 10;
/** How often a person may ask for more time (WCAG 2.2.1: timing adjustable). */
export const MAX_HOLD_EXTENSIONS = 3;
