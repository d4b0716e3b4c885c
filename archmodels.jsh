// JShell start-up script for archmodels: the imports a session needs.
// Usage, from the project root after 'mvn -q -DskipTests package':
//   jshell --class-path target/archmodels-0.1.0-SNAPSHOT-all.jar archmodels.jsh
import io.github.archmodels.speedup.*;
import io.github.archmodels.capsule.*;
import io.github.archmodels.clustering.*;
import io.github.archmodels.securemem.*;
import io.github.archmodels.data.*;
import io.github.archmodels.notebook.*;
import tech.tablesaw.api.*;
import org.knowm.xchart.*;
