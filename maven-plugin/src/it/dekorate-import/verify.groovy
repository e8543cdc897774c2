// a service starting from Dekorate's manifest: its container taken over, kforge's tier, environments and
// security defaults on top, nothing of Dekorate's commit annotations in the output
def deploy = new File(basedir, 'deploy/kustomize')
def deployment = new File(deploy, 'base/orders/deployment.yaml').text
// taken from the manifest
assert deployment.contains('image: registry.example.com/shop/orders:1.4.2')
assert deployment.contains('path: /q/health/live') && deployment.contains('path: /q/health/ready')
assert deployment.contains('name: KUBERNETES_NAMESPACE') && deployment.contains('fieldPath: metadata.namespace')
assert deployment =~ /name: DATABASE_PASSWORD\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: orders-db\n\s+key: password/
// the spec's settings win
assert deployment =~ /name: JAVA_TOOL_OPTIONS\n\s+value: -XX:MaxRAMPercentage=60/
assert deployment.contains('memory: 384Mi') && !deployment.contains('memory: 512Mi') : 'the tier did not win'
// kforge's own
assert deployment.contains('readOnlyRootFilesystem: true') && deployment.contains('runAsNonRoot: true')
assert deployment.contains('imagePullPolicy: IfNotPresent')
assert deployment.contains('app.kubernetes.io/managed-by: kforge')
assert !deployment.contains('dekorate') && !deployment.contains('app.kubernetes.io/version')
def service = new File(deploy, 'base/orders/service.yaml').text
assert service.contains('port: 8080') && !service.contains('port: 80\n')
assert new File(deploy, 'base/orders/ingress.yaml').text.contains('host: orders.shop.example.com')
assert new File(deploy, 'base/orders/networkpolicy.yaml').text.contains('5432')
// environments on top
def prod = new File(deploy, 'overlays/prod/kustomization.yaml').text
assert prod =~ /name: registry.example.com\/shop\/orders\n\s+newTag: 1.4.3/
assert new File(deploy, 'overlays/prod/patches/deployment-orders.yaml').text =~ /path: \/spec\/replicas\n\s+value: 3/
// the imported Secret reference is a declared prerequisite, listed before applying
assert new File(basedir, 'deploy/README.md').text.contains('| Secret | `orders-db` | `orders` | the database team |')
return true
