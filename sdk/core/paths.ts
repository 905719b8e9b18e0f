/** The URL prefix of the COM API (the deprecated one was `/compute-ops`). */
export const API_PREFIX = "/compute-ops-mgmt";
