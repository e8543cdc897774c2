// generator-core as a library: one version of every dependency, no jinjava, an aligned Jackson, and the same
// policy gate and output as the plugin from a Platform object
def log = new File(basedir, 'build.log').text
assert log.contains('consumer: refused: environments.prod: Deployment/web') && log.contains('3 replicas and no PodDisruptionBudget selecting them')
assert log.contains('consumer: policy: pdb-for-replicas suppressed for web')
assert new File(basedir, 'deploy/kustomize/overlays/prod/kustomization.yaml').isFile()
assert !new File(basedir, 'target/refused').exists()
assert log.contains('consumer: templates: platform.yaml:7: tenants.alice.instances.blog: service templates are rendered by jinjava, an optional dependency of kforge that is not on the class path; add com.hubspot.jinjava:jinjava:')

def tree = new File(basedir, 'target/tree.txt').text
// the verbose tree marks every dependency asked for at two versions
assert !tree.contains('omitted for conflict') : "a dependency is asked for at two versions:\n" + tree
assert !tree.contains('jinjava') : 'jinjava is optional'
def jackson = (tree =~ /com\.fasterxml\.jackson\.core:jackson-(annotations|core|databind):jar:(2\.\d+)/).collect { it[2] }
assert !jackson.isEmpty() && jackson.unique().size() == 1 : "Jackson's modules of different versions: " + tree

// the footprint README states: jars on the class path and their size
def jars = new File(basedir, 'target/classpath.txt').text.trim().split(File.pathSeparator).findAll { it.endsWith('.jar') }
def bytes = jars.sum { new File(it).length() }
println "library footprint: ${jars.size()} jars, ${String.format('%.1f', bytes / 1048576.0)} MiB"
assert jars.size() <= 20 : "${jars.size()} jars: " + jars.join('\n')
return true
