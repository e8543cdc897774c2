// offline mode is honoured: the chart's OCI dependency is not fetched, and the failure says why
def log = new File(basedir, 'build.log').text
assert log.contains('Maven runs offline (-o) and the chart tiny depends on charts from oci://registry-1.docker.io/bitnamicharts, which kforge fetches only online; nothing was packaged')
assert !log.contains('Fetching the dependencies of tiny')
assert !new File(basedir, 'target/tiny-1.0.tgz').exists()
return true
