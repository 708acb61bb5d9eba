# Shared by the benches that run moto: sourced, not run. Defines free_port,
# and start_moto, which starts moto on 127.0.0.1 and waits for it; it needs
# $work (a temporary folder) and the caller's `pids` array and EXIT trap.

python3 -c 'import moto.server, boto3' 2>/dev/null || python3 -m pip install --quiet 'moto[server]' boto3

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_moto PORT: moto on 127.0.0.1:PORT, its pid added to `pids`.
start_moto() {
  MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_ACM_VALIDATION_WAIT=0 python3 -m moto.server -H 127.0.0.1 -p "$1" >"$work/moto.log" 2>&1 &
  pids+=($!)
  until python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$1/moto-api/', timeout=1)" 2>/dev/null; do sleep 0.2; done
}
