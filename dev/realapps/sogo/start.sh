#!/usr/bin/env bash
# Runs SOGo 5.8 on loopback only: Dovecot IMAP 127.0.0.1:1143 (Maildir under the state folder),
# memcached 127.0.0.1:11290, sogod 127.0.0.1:20090 behind nginx 127.0.0.1:8090, users and SOGo's own
# tables in database sogo_mail (role sogo_app) of the shared PostgreSQL cluster 15/main on
# 127.0.0.1:5432, which is started if it is down and never stopped here. One mail user: ap / ap-secret.
# Idempotent: what runs already is left running. stop.sh ends what this started, by recorded PID.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${TIEOUT_REALAPPS_STATE:-/var/tmp/tieout-realapps}/sogo"
HTTP_PORT=8090 SOGOD_PORT=20090 IMAP_PORT=1143 MEMCACHED_PORT=11290
DB=sogo_mail DB_ROLE=sogo_app DB_PASSWORD=sogo-app-secret
MAIL_USER=ap MAIL_PASSWORD=ap-secret
RESOURCES=/usr/lib/GNUstep/SOGo/WebServerResources

"$HERE/install.sh"
mkdir -p "$STATE"/{run,log,dovecot-run,dovecot-state,mail,nginx-temp}
chmod 755 "$STATE" "$STATE/run"

alive() { [ -f "$STATE/run/$1.pid" ] && kill -0 "$(cat "$STATE/run/$1.pid")" 2>/dev/null; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
  for _ in $(seq 1 "${2:-100}"); do listening "$1" && return 0; sleep 0.1; done
  echo "sogo: nothing listens on 127.0.0.1:$1 (see $STATE/log)" >&2
  return 1
}

# --- PostgreSQL (shared: started if down, never stopped here) -------------------------------
# The realapps' own start script for it (dev/realapps/postgres.sh): loopback only, never stopped here.
sh "$HERE/../postgres.sh" start >&2
wait_port 5432 100
psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$DB_ROLE'")" != 1 ]; then
  psql_admin -c "CREATE ROLE $DB_ROLE LOGIN PASSWORD '$DB_PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$DB'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE $DB OWNER $DB_ROLE ENCODING 'UTF8' TEMPLATE template0"
fi
# SOGo's SQL user source: a table with c_uid, c_name, c_password, c_cn and mail (plain passwords).
PGPASSWORD="$DB_PASSWORD" psql -h 127.0.0.1 -U "$DB_ROLE" -d "$DB" -v ON_ERROR_STOP=1 -qAt <<SQL
SET client_min_messages = warning;
CREATE TABLE IF NOT EXISTS sogo_users (
  c_uid varchar(128) PRIMARY KEY, c_name varchar(128) NOT NULL, c_password varchar(128) NOT NULL,
  c_cn varchar(256), mail varchar(256));
INSERT INTO sogo_users VALUES ('$MAIL_USER', '$MAIL_USER', '$MAIL_PASSWORD', 'Accounts Payable', 'ap@ourcompany.test')
  ON CONFLICT (c_uid) DO UPDATE SET c_password = EXCLUDED.c_password;
SQL

# --- memcached ------------------------------------------------------------------------------
if ! alive memcached; then
  # -P cannot write into a root-owned folder after dropping to memcache: foreground + $!.
  memcached -l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0 -u memcache -m 64 </dev/null >"$STATE/log/memcached.log" 2>&1 &
  echo $! >"$STATE/run/memcached.pid"
fi
wait_port "$MEMCACHED_PORT"

# --- Dovecot --------------------------------------------------------------------------------
mkdir -p "$STATE/mail/$MAIL_USER"
chown -R mail:mail "$STATE/mail"
echo "$MAIL_USER:{PLAIN}$MAIL_PASSWORD" >"$STATE/run/dovecot-users"
chmod 640 "$STATE/run/dovecot-users"
chgrp dovecot "$STATE/run/dovecot-users"
cat >"$STATE/run/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $STATE/dovecot-run
state_dir = $STATE/dovecot-state
log_path = $STATE/log/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 8
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $STATE/run/dovecot-users
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$STATE/mail/%u
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
CONF
if ! alive dovecot; then
  # Dovecot keeps the caller's stderr open: detached from every stream, or a pipe never closes.
  rm -f "$STATE/dovecot-run/master.pid"
  dovecot -c "$STATE/run/dovecot.conf" </dev/null >/dev/null 2>&1
  # The daemon writes its PID file a moment after the command returns.
  for _ in $(seq 1 50); do [ -s "$STATE/dovecot-run/master.pid" ] && break; sleep 0.1; done
  if [ ! -s "$STATE/dovecot-run/master.pid" ]; then
    echo "sogo: Dovecot wrote no PID file (see $STATE/log/dovecot.log)" >&2
    exit 1
  fi
  cp "$STATE/dovecot-run/master.pid" "$STATE/run/dovecot.pid"
fi
wait_port "$IMAP_PORT"

# --- sogod ----------------------------------------------------------------------------------
SOGO_CONF=/etc/sogo/sogo.conf
[ -f "$SOGO_CONF.debian" ] || cp "$SOGO_CONF" "$SOGO_CONF.debian"
PG_URL="postgresql://$DB_ROLE:$DB_PASSWORD@127.0.0.1:5432/$DB"
cat >"$SOGO_CONF" <<CONF
{
  /* Written by tieout dev/realapps/sogo/start.sh; the package's own file is sogo.conf.debian. */
  WOPort = "127.0.0.1:$SOGOD_PORT";
  WOWorkersCount = 3;
  WOLogFile = "$STATE/log/sogod.log";
  SOGoProfileURL = "$PG_URL/sogo_user_profile";
  OCSFolderInfoURL = "$PG_URL/sogo_folder_info";
  OCSSessionsFolderURL = "$PG_URL/sogo_sessions_folder";
  OCSEMailAlarmsFolderURL = "$PG_URL/sogo_alarms_folder";
  OCSCacheFolderURL = "$PG_URL/sogo_cache_folder";
  OCSStoreURL = "$PG_URL/sogo_store";
  OCSAclURL = "$PG_URL/sogo_acl";
  SOGoUserSources = ({
    type = sql; id = users; viewURL = "$PG_URL/sogo_users";
    canAuthenticate = YES; isAddressBook = NO; userPasswordAlgorithm = plain;
  });
  SOGoLanguage = English;
  SOGoTimeZone = Europe/Berlin;
  SOGoMailDomain = ourcompany.test;
  SOGoIMAPServer = "imap://127.0.0.1:$IMAP_PORT";
  SOGoMailingMechanism = smtp;
  SOGoSMTPServer = "smtp://127.0.0.1:1";
  SOGoSieveScriptsEnabled = NO;
  SOGoVacationEnabled = NO;
  SOGoForwardEnabled = NO;
  SOGoSentFolderName = Sent;
  SOGoTrashFolderName = Trash;
  SOGoDraftsFolderName = Drafts;
  SOGoMailMessageCheck = manually;
  SOGoMemcachedHost = "127.0.0.1:$MEMCACHED_PORT";
  SOGoPasswordChangeEnabled = NO;
}
CONF
chmod 640 "$SOGO_CONF"
chgrp sogo "$SOGO_CONF"
chown sogo:sogo "$STATE/log"
# sogod (user sogo) appends to its log file itself; one created by root here would stop it silently.
touch "$STATE/log/sogod.log"
chown sogo:sogo "$STATE/log/sogod.log"
if ! alive sogod; then
  install -o sogo -g sogo -m 755 -d /run/sogo
  (
    set +u # GNUstep.sh reads unset variables
    # shellcheck disable=SC1091
    . /usr/share/GNUstep/Makefiles/GNUstep.sh
    cd /run/sogo
    # In the foreground of its own process (setpriv execs): $! is sogod's master.
    HOME=/run/sogo exec setpriv --reuid=sogo --regid=sogo --init-groups \
      /usr/sbin/sogod -WONoDetach YES </dev/null >/dev/null 2>&1
  ) &
  echo $! >"$STATE/run/sogod.pid"
fi
wait_port "$SOGOD_PORT" 300

# --- nginx ----------------------------------------------------------------------------------
cat >"$STATE/run/nginx.conf" <<CONF
worker_processes 1;
pid $STATE/run/nginx.pid;
error_log $STATE/log/nginx-error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log $STATE/log/nginx-access.log;
  client_body_temp_path $STATE/nginx-temp/body;
  proxy_temp_path $STATE/nginx-temp/proxy;
  fastcgi_temp_path $STATE/nginx-temp/fastcgi;
  uwsgi_temp_path $STATE/nginx-temp/uwsgi;
  scgi_temp_path $STATE/nginx-temp/scgi;
  server {
    listen 127.0.0.1:$HTTP_PORT;
    server_name 127.0.0.1;
    location = / { return 302 /SOGo/; }
    location ^~ /SOGo.woa/WebServerResources/ { alias $RESOURCES/; }
    location ^~ /SOGo/WebServerResources/ { alias $RESOURCES/; }
    location ^~ /SOGo {
      proxy_pass http://127.0.0.1:$SOGOD_PORT;
      proxy_redirect http://127.0.0.1:$SOGOD_PORT /;
      proxy_set_header X-Real-IP \$remote_addr;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header x-webobjects-server-protocol HTTP/1.0;
      proxy_set_header x-webobjects-remote-host 127.0.0.1;
      proxy_set_header x-webobjects-server-name \$host;
      proxy_set_header x-webobjects-server-port \$server_port;
      proxy_set_header x-webobjects-server-url http://\$host:\$server_port;
      proxy_connect_timeout 90;
      proxy_read_timeout 90;
      client_max_body_size 20m;
      # The login answer's cookies (an encrypted session key) pass nginx's default 4k header buffer.
      proxy_buffer_size 64k;
      proxy_buffers 8 64k;
      proxy_busy_buffers_size 128k;
    }
  }
}
CONF
if alive nginx; then
  nginx -c "$STATE/run/nginx.conf" -e "$STATE/log/nginx-error.log" -s reload </dev/null >/dev/null 2>&1
else
  nginx -c "$STATE/run/nginx.conf" -e "$STATE/log/nginx-error.log" </dev/null >/dev/null 2>&1
fi
wait_port "$HTTP_PORT"
for _ in $(seq 1 100); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/SOGo/" || true)
  [ "$code" = 200 ] && { echo "sogo: http://127.0.0.1:$HTTP_PORT/SOGo/ (user $MAIL_USER)" >&2; exit 0; }
  sleep 0.2
done
echo "sogo: SOGo did not answer on http://127.0.0.1:$HTTP_PORT/SOGo/ (last status $code; see $STATE/log)" >&2
exit 1
