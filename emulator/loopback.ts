/** Hosts on this machine: the emulator reaches only these, and binds to one by default. */
export const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;
