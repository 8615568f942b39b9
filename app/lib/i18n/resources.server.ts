import type { Resource } from "i18next";
import arBooking from "../../../locales/ar/booking.json";
import arCatalogue from "../../../locales/ar/catalogue.json";
import arCommon from "../../../locales/ar/common.json";
import deBooking from "../../../locales/de/booking.json";
import deCatalogue from "../../../locales/de/catalogue.json";
import deCommon from "../../../locales/de/common.json";
import enBooking from "../../../locales/en/booking.json";
import enCatalogue from "../../../locales/en/catalogue.json";
import enCommon from "../../../locales/en/common.json";
import faBooking from "../../../locales/fa/booking.json";
import faCatalogue from "../../../locales/fa/catalogue.json";
import faCommon from "../../../locales/fa/common.json";
import frBooking from "../../../locales/fr/booking.json";
import frCatalogue from "../../../locales/fr/catalogue.json";
import frCommon from "../../../locales/fr/common.json";
import ruBooking from "../../../locales/ru/booking.json";
import ruCatalogue from "../../../locales/ru/catalogue.json";
import ruCommon from "../../../locales/ru/common.json";
import trBooking from "../../../locales/tr/booking.json";
import trCatalogue from "../../../locales/tr/catalogue.json";
import trCommon from "../../../locales/tr/common.json";
import ukBooking from "../../../locales/uk/booking.json";
import ukCatalogue from "../../../locales/uk/catalogue.json";
import ukCommon from "../../../locales/uk/common.json";
import type { Language } from "./languages";

/** All translations, bundled into the server; the browser loads only its own language. */
export const resources = {
  de: { common: deCommon, catalogue: deCatalogue, booking: deBooking },
  en: { common: enCommon, catalogue: enCatalogue, booking: enBooking },
  ar: { common: arCommon, catalogue: arCatalogue, booking: arBooking },
  fa: { common: faCommon, catalogue: faCatalogue, booking: faBooking },
  tr: { common: trCommon, catalogue: trCatalogue, booking: trBooking },
  uk: { common: ukCommon, catalogue: ukCatalogue, booking: ukBooking },
  ru: { common: ruCommon, catalogue: ruCatalogue, booking: ruBooking },
  fr: { common: frCommon, catalogue: frCatalogue, booking: frBooking },
} satisfies Record<Language, Resource[string]>;
