import * as pulumi from "@pulumi/pulumi";

/**
 * A dynamic provider whose serialized form holds nothing but module locations.
 *
 * Pulumi closure-serializes a dynamic provider into the `__provider` field of every resource's
 * state. Anything the provider object captures ends up there: credentials, clients, whole
 * modules (which may not even serialize). This shim captures only strings and `require()`s
 * the real implementation in the provider process when the engine first calls it, so state
 * stays small, secret-free, and robust to upgrades of the implementation.
 *
 * `candidates` are tried in order: an absolute path to the built module (for programs inside
 * this repository) and the package specifier (for programs that install pulumi-hpecom).
 * The module must export `provider`, a `pulumi.dynamic.ResourceProvider`.
 */
export function lazyProvider(candidates: string[]): pulumi.dynamic.ResourceProvider {
  const load = (): pulumi.dynamic.ResourceProvider => {
    const tried: string[] = [];
    for (const candidate of candidates) {
      try {
        return require(candidate).provider;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code !== "MODULE_NOT_FOUND") throw err;
        tried.push(candidate);
      }
    }
    throw new Error(`pulumi-hpecom: cannot load the provider implementation (tried ${tried.join(", ")}); ` +
      "is pulumi-hpecom installed and built?");
  };
  return {
    configure: async (req) => load().configure?.(req),
    check: async (olds, news) => {
      const impl = load();
      return impl.check ? impl.check(olds, news) : { inputs: news };
    },
    diff: async (id, olds, news) => {
      const impl = load();
      return impl.diff ? impl.diff(id, olds, news) : {};
    },
    create: async (inputs) => load().create(inputs),
    read: async (id, props) => {
      const impl = load();
      return impl.read ? impl.read(id, props) : { id, props };
    },
    update: async (id, olds, news) => {
      const impl = load();
      return impl.update ? impl.update(id, olds, news) : { outs: news };
    },
    delete: async (id, props) => load().delete?.(id, props),
  };
}
