/** The engine floor: a dynamic provider that does no work at all. */
import type * as pulumi from "@pulumi/pulumi";

let created = 0;

export const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `floor-${process.pid}-${++created}`, outs: inputs };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async delete() {},
};
