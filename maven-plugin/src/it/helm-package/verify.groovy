// generate, then package: the chart and its dependency end up in target/tiny-1.0-SNAPSHOT.tgz, the output
// directory is left as generate wrote it
import java.util.zip.GZIPInputStream

def tgz = new File(basedir, 'target/tiny-1.0-SNAPSHOT.tgz')
assert tgz.isFile() : 'the chart was not packaged to target/tiny-1.0-SNAPSHOT.tgz'

// the names of the entries of a tar.gz (ustar headers: name at 0, size in octal at 124, 512-byte blocks)
def names = []
new GZIPInputStream(new FileInputStream(tgz)).withCloseable { input ->
    byte[] header = new byte[512]
    while (input.readNBytes(header, 0, 512) == 512) {
        def name = new String(header, 0, 100, 'UTF-8').replaceAll('\u0000.*', '')
        if (name.isEmpty()) break
        def size = Long.parseLong(new String(header, 124, 12, 'UTF-8').replaceAll('[^0-7]', '') ?: '0', 8)
        names << name
        input.skipNBytes(((size + 511) / 512 as long) * 512)
    }
}
['tiny/Chart.yaml', 'tiny/values.yaml', 'tiny/values-dev.yaml', 'tiny/values.schema.json',
 'tiny/templates/_helpers.tpl', 'tiny/templates/deployment.yaml', 'tiny/charts/tiny-db/Chart.yaml',
 'tiny/charts/tiny-db/templates/configmap.yaml'].each {
    assert names.contains(it) : "$it is missing from the package: $names"
}

def chart = new File(basedir, 'deploy/helm/tiny')
assert new File(chart, 'Chart.yaml').text.contains('version: 1.0-SNAPSHOT') : 'the chart version is not the project version'
assert !new File(chart, 'charts').exists() : 'packaging wrote the dependencies into the output directory'
assert !new File(chart, 'Chart.lock').exists() : 'packaging wrote a Chart.lock into the output directory'

def log = new File(basedir, 'build.log').text
assert log.contains('Fetching the dependencies of tiny (helm dependency update)')
assert log =~ /Helm chart packaged: .*tiny-1\.0-SNAPSHOT\.tgz/
return true
