import { HclSyntaxError, parseHcl } from './hcl';

describe('parseHcl', () => {
  it('reads blocks, attributes, objects and lists as written', () => {
    const body = parseHcl(`# a comment
resource "kubernetes_manifest" "pool" {
  manifest = {
    apiVersion = "karpenter.sh/v1" // trailing comment
    kind       = "NodePool"
    metadata = { name = "base-data-processing" }
    spec = {
      weight = 10
      ratio  = -0.5
      enabled = true
      nothing = null
      labels = {
        "workload-type" = "data-processing"
        "cluster-name"  = var.cluster_name
      }
      requirements = [
        { key = "kubernetes.io/arch", operator = "In", values = ["amd64"] },
        {
          key      = "karpenter.sh/capacity-type"
          values   = ["spot",
                      "on-demand",]
        }
      ]
    }
  }
  /* a block
     comment */
  depends_on = [helm_release.karpenter]
}
`);
    expect(body.blocks).toHaveLength(1);
    const [block] = body.blocks;
    expect(block).toMatchObject({
      type: 'resource',
      labels: ['kubernetes_manifest', 'pool'],
      line: 2,
    });
    expect(block.body.lines).toEqual({ manifest: 3, depends_on: 28 });
    expect(block.body.attributes.manifest).toEqual({
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'base-data-processing' },
      spec: {
        weight: 10,
        ratio: -0.5,
        enabled: true,
        nothing: null,
        labels: {
          'workload-type': 'data-processing',
          'cluster-name': { expression: 'var.cluster_name' },
        },
        requirements: [
          { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
          { key: 'karpenter.sh/capacity-type', values: ['spot', 'on-demand'] },
        ],
      },
    });
    expect(block.body.attributes.depends_on).toEqual([
      { expression: 'helm_release.karpenter' },
    ]);
  });

  it('keeps what it does not evaluate as its text', () => {
    const body = parseHcl(`
name    = "\${var.cluster_name}-karpenter"
joined  = "\${join(",", var.zones)}"
count   = var.enabled ? 1 : 0
user    = templatefile("\${path.module}/userdata.sh.tpl", {
  cluster_name = var.cluster_name
})
subnets = [for i in range(2) : cidrsubnet(var.cidr, 8, i + 1)]
tags    = { for k, v in var.tags : k => v }
sum     = 1 + 2
doc     = <<-EOT
    line one
      line two
    EOT
escaped = "a \\"quoted\\" word\\n"
`);
    expect(body.attributes).toEqual({
      name: '${var.cluster_name}-karpenter',
      joined: '${join(",", var.zones)}',
      count: { expression: 'var.enabled ? 1 : 0' },
      user: {
        expression:
          'templatefile("${path.module}/userdata.sh.tpl", { cluster_name = var.cluster_name })',
      },
      subnets: {
        expression: '[for i in range(2) : cidrsubnet(var.cidr, 8, i + 1)]',
      },
      tags: { expression: '{ for k, v in var.tags : k => v }' },
      sum: { expression: '1 + 2' },
      doc: 'line one\n  line two\n',
      escaped: 'a "quoted" word\n',
    });
  });

  it.each([
    ['a = "open\n', 1, /unterminated string/],
    ['block "x" {\n  a = 1\n', 3, /missing "}"/],
    ['a = 1\na = 2\n', 2, /"a" is set twice/],
    ['x = {\n  a = 1 b = 2\n}\n', 2, /expected "," or a new line after "a"/],
    ['a = [1 2]\n', 1, /expected "," or "\]"/],
    ['a = 1 2\n', 1, /expected a new line/],
    ['= 1\n', 1, /expected an attribute name/],
    ['a = @\n', 1, /unexpected character "@"/],
  ])('refuses %j at line %i', (src, line, message) => {
    let error: unknown;
    try {
      parseHcl(src);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HclSyntaxError);
    expect((error as HclSyntaxError).line).toBe(line);
    expect((error as HclSyntaxError).message).toMatch(message);
  });
});
