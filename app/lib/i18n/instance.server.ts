import { createInstance, type i18n } from "i18next";
import { i18nOptions } from "./config";
import { resources } from "./resources.server";

let shared: Promise<i18n> | undefined;

/** An i18next instance with every language, for texts written outside a request (messages). */
export function serverI18n(): Promise<i18n> {
  shared ??= (async () => {
    const instance = createInstance({ ...i18nOptions, resources });
    await instance.init();
    return instance;
  })();
  return shared;
}
