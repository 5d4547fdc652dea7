# Sourced by bench/startup.sh and bench/startup-ab.sh: what both need to time a launch.
# hello_class DIR: compiles the yardstick (a bare JVM printing hello) into DIR.
hello_class() {
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$1/Hello.java"
  javac --release 17 -d "$1" "$1/Hello.java"
}
# archived JAR: one launch through bin/routerlab over JAR writes its class-data archive (when the
# jar is newer); JDK 24+ makes its AOT cache in the background after it: wait for that.
archived() {
  local j=$1
  echo exit | RL_JAR=$j bin/routerlab console > /dev/null
  for _ in $(seq 1 600); do
    [ -n "$(find "$(dirname "$j")" -maxdepth 1 -name "$(basename "${j%.jar}")*-jdk*" \( -name '*.jsa' -o -name '*.aot' \) -newer "$j")" ] && break
    sleep 0.1
  done
}
# ms CMD...: "FIRST EXIT" ms of one launch with `exit` on its input: to its first byte of output
# (the first prompt; hello's `hello`), to its end.
ms() {
  local s f e
  s=$(date +%s%N)
  f=$(echo exit | "$@" | { IFS= read -r -n 1 _; date +%s%N; cat > /dev/null; })
  e=$(date +%s%N)
  echo "$(( (f - s) / 1000000 )) $(( (e - s) / 1000000 ))"
}
