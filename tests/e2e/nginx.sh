# shellcheck shell=bash
# Debian's nginx as a user process for the e2e tests (apart.sh: the gRPC router; nginx_front.sh:
# the front of the web page and the calendar feed). Source it; do not run it.
#
# nginx_start DIR CONF PORT [HTTP_LINES]: runs nginx with prefix DIR (temporary files, pid and
# error.log in it) serving `include CONF` (a file in DIR) inside its http block, after
# HTTP_LINES; checks the configuration with `nginx -t` first and waits until PORT on 127.0.0.1
# accepts connections. Sets NGINX_PID. Needs NGINX (the binary) and fail MESSAGE.
nginx_start() {
  local dir=$1 conf=$2 port=$3 lines=${4:-}
  mkdir -p "$dir/temp"
  cat >"$dir/nginx.conf" <<CONF
user $(id -un);
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 256; }
http {
  $lines
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  include $conf;
}
CONF
  "$NGINX" -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" || fail "nginx does not take $conf"
  "$NGINX" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g 'daemon off;' &
  NGINX_PID=$!
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$NGINX_PID" 2>/dev/null || fail "nginx exited"
    sleep 0.1
  done
  fail "nginx does not answer on port $port"
}
