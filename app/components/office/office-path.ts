/** The office settings page: its forms post here and its links come back here. */
export const OFFICE_PATH = "/staff/office";
