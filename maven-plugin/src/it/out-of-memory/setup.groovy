// deploy/ from a good run with two tenants, then a catalog of 100,000 for the build under test
import dev.kforge.GenerateRequest
import dev.kforge.Kforge

def tiers = ['micro', 'small', 'medium', 'large', 'xlarge']
def catalog = { int n ->
    def csv = new StringBuilder('id,tier,licenseTier,domain\n')
    for (int i = 0; i < n; i++) {
        csv.append("t$i,${tiers[i % 5]},standard,t${i}.isp.example\n")
    }
    new File(basedir, 'src/main/kforge/tenants.csv').text = csv.toString()
}
catalog(2)
Kforge.generate(new GenerateRequest(new File(basedir, 'src/main/kforge/platform.yaml').toPath(),
        new File(basedir, 'deploy').toPath()).withChartVersion('1.0'))
def before = new StringBuilder()
def files = []
new File(basedir, 'deploy').eachFileRecurse(groovy.io.FileType.FILES) { files << it }
files.sort { it.path }.each { f ->
    before.append(f.path.substring(basedir.path.length())).append('\n').append(f.text).append('\n')
}
new File(basedir, 'target').mkdirs()
new File(basedir, 'target/deploy-before.txt').text = before.toString()
catalog(100000)
return true
