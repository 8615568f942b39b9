import type { Config } from "@react-router/dev/config";

export default {
  // Server rendering is the baseline: every citizen page works without JavaScript.
  ssr: true,
} satisfies Config;
