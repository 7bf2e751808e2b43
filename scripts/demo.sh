#!/usr/bin/env bash
# The main job, end to end, on an embedded SQLite database: installs what is
# missing, builds (Release), starts talentd, and drives talentctl through a
# programme year — programme, cohort 2023 with quotas 10/10/10, the import
# of a spreadsheet of applicants (first with its bad rows reported), the
# history of 2020–2022 from their paper records (closed cohorts, their
# certificates registered so that they verify, and a bad file refused),
# recommendation, selection up to the quotas (the over-quota selection is
# refused), assessor and viewer accounts (each redeems an invitation of
# their own, once; nobody makes a token for another), cultivation, the rubric and rules,
# a mid-term and a final round scored by five assessors (recusal,
# absences, trimming, a veto, a fail, the excellent cap), the public
# notice with an amended appeal, confirmation after the notice (talentd is
# restarted with its clock ahead), eliminations, the cohort closing with the
# excellent eligible, and their certificates: issued (twice, the second
# time issuing nothing), verified online without an account and on the
# public web page (a headless Chromium screenshot), exported and verified
# offline (a one-byte change fails), one revoked, one printed as a PDF; the
# programme's progress and the final round's score distribution as charts.
# Stops the server and says where everything is.
#
# The database is a rehearsal database (`talentd init --rehearsal`): only
# such a database lets talentd run its clock ahead, and everything it
# issues is marked 演练 REHEARSAL.
#
# Usage: scripts/demo.sh [output directory, default ./demo-out]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/demo-out}" && cd "${1:-$root/demo-out}" && pwd)"

"$root/scripts/build.sh" talentd talentctl
talentd="$root/build/server/talentd"
talentctl="$root/build/client/talentctl"

rm -rf "$out"/talent.db* "$out"/config "$out"/people "$out"/*.code "$out"/talentd.log "$out"/port "$out"/http-port \
  "$out"/history-*.csv \
  "$out"/certificate.* "$out"/cert*.json "$out"/audit.jsonl "$out"/pubkey.txt "$out"/*.png "$out"/*.svg "$out"/chromium
db="$out/talent.db"
export XDG_CONFIG_HOME="$out/config"
unset TALENT_TOKEN TALENT_SERVER

step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }
show() { printf '$ talentctl %s\n' "$*" >&2; "$talentctl" "$@"; }
# A command that must fail: show its message and exit code, go on.
refused() {
  printf '$ talentctl %s\n' "$*" >&2
  set +e
  "$talentctl" "$@"
  local code=$?
  set -e
  if [ "$code" -eq 0 ]; then echo "demo: expected a refusal" >&2; exit 1; fi
  printf '(refused, exit code %d)\n' "$code" >&2
}

step "Initialise a rehearsal database (its clock may run ahead; all it issues says 演练 REHEARSAL)"
admin_token="$("$talentd" init --db "$db" --admin admin --admin-name 李主任 --admin-org 四川省民政厅 \
  --rehearsal)"

step "Start talentd on an ephemeral port"
server_pid=""
start_talentd() {  # [days the clock runs ahead]
  rm -f "$out/port"
  rm -f "$out/http-port"
  "$talentd" serve --db "$db" --listen 127.0.0.1:0 --port-file "$out/port" \
    --http-listen 127.0.0.1:0 --http-port-file "$out/http-port" \
    --clock-offset-days "${1:-0}" 2>>"$out/talentd.log" &
  server_pid=$!
  for _ in $(seq 100); do [ -s "$out/port" ] && break; sleep 0.05; done
  export TALENT_SERVER="127.0.0.1:$(cat "$out/port")"
  web="http://127.0.0.1:$(cat "$out/http-port")"
  echo "talentd is serving on $TALENT_SERVER, its verification page on $web/" >&2
}
stop_talentd() {
  kill -TERM "$server_pid"
  wait "$server_pid" || true
}
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
start_talentd

step "Log in: the printed token (read from stdin) is exchanged for a fresh one, saved with mode 0600"
echo "$admin_token" | "$talentctl" login
ls -l "$XDG_CONFIG_HOME/talentctl/config" >&2
show whoami

step "Create the programme and the 2023 cohort"
show programme create --code SCSW --title 四川社会工作人才计划 --issuer 四川省民政厅 \
  --start 2020 --end 2030 --target 300 \
  --objection-contact "四川省民政厅人事处，电话 028-86000000，地址 成都市青羊区"
show cohort create --programme SCSW --year 2023 --quotas 10/10/10
show cohort open SCSW/2023

step "The cohort's rubric (the six cultivation areas, ethics the veto) and its rules"
show --lang zh rubric show SCSW/2023
show cohort rules SCSW/2023 --cap-percent 20

step "Import the applicants' spreadsheet: first the raw file, with its bad rows"
refused enrolment import --cohort SCSW/2023 "$root/scripts/data/applicants-2023-raw.csv"
step "The corrected file imports whole, in one transaction"
show enrolment import --cohort SCSW/2023 "$root/scripts/data/applicants-2023.csv"

# After the applicants, so that the 2023 enrolments keep the numbers the
# scoring below is written for; the history may come at any time before the
# first cohort run here.
step "The programme began in 2020, on paper: import the cohorts of 2020–2022 from their records"
# A 2021 file with one certificate number of the wrong track: refused whole.
sed 's/SCSW-2021-S002/SCSW-2021-M009/' "$root/scripts/data/history-2021.csv" \
  >"$out/history-2021-bad.csv"
grep -q SCSW-2021-M009 "$out/history-2021-bad.csv" ||
  { echo "demo: the bad history file was not made" >&2; exit 1; }
refused cohort import-history --programme SCSW --year 2021 "$out/history-2021-bad.csv"
for year in 2020 2021 2022; do
  show cohort import-history --programme SCSW --year "$year" \
    "$root/scripts/data/history-$year.csv"
done
refused cohort import-history --programme SCSW --year 2022 "$root/scripts/data/history-2022.csv"
show cohort list
show cert list --cohort SCSW/2020
XDG_CONFIG_HOME="$out/nobody" TALENT_TOKEN= show --lang zh cert verify SCSW-2020-S001
show programme progress SCSW

ids() {  # IDs of the cohort's enrolments on a track in a stage
  "$talentctl" -o csv --lang en enrolment list --cohort SCSW/2023 --track "$1" --stage "$2" |
    tail -n +2 | cut -d, -f1
}

step "County-level recommendation of every applicant, city-level of most"
for track in service management education-research; do
  # shellcheck disable=SC2046
  "$talentctl" -o csv enrolment recommend $(ids "$track" applied) --level county \
    --by "所在区县民政局" >/dev/null
  # shellcheck disable=SC2046
  "$talentctl" -o csv enrolment recommend $(ids "$track" recommended | head -n 11) --level city \
    --by "所在市（州）民政局" >/dev/null
done
show cohort get SCSW/2023

step "Select up to the quota of each track"
for track in service management education-research; do
  # shellcheck disable=SC2046
  "$talentctl" enrolment select $(ids "$track" recommended | head -n 10) >/dev/null
done
extra="$(ids service recommended | head -n 1)"
step "An eleventh service-track selection is refused"
refused enrolment select "$extra"
show cohort get SCSW/2023

step "Assessor and viewer accounts: each is given an invitation code, never a token"
show user create zhang.jh --name 张建华 --role assessor --org 西南财经大学社会工作系 >"$out/zhang.jh.code"
show user create chen.li --name 陈丽 --role viewer --org 四川省民政厅办公室 >"$out/chen.li.code"
show user list
# Everyone else keeps their own token in a login file of their own.
people="$out/people"
mkdir -p "$people"
as_person() { local who="$1"; shift; XDG_CONFIG_HOME="$people/$who" "$@"; }
redeem() {  # NAME: redeems the invitation code saved in $out/NAME.code
  as_person "$1" "$talentctl" login --user "$1" --invitation "$(cat "$out/$1.code")"
}
step "chen.li redeems her invitation herself: a token only she holds"
printf '$ talentctl login --user chen.li --invitation %s\n' "$(cat "$out/chen.li.code")" >&2
redeem chen.li
step "An invitation works once; and nobody makes a token for someone else"
as_person intruder refused login --user chen.li --invitation "$(cat "$out/chen.li.code")"
refused token create --user chen.li

step "What a viewer sees — and may not do"
as_person chen.li show whoami
as_person chen.li refused programme create --code X1 \
  --title t --issuer i --start 2020 --end 2021 --target 1

step "The selected candidates, in Chinese"
show --lang zh enrolment list --cohort SCSW/2023 --stage selected

step "Start cultivation: the selected become active, enrolment is frozen"
show --yes cohort cultivate SCSW/2023
show enrolment list --cohort SCSW/2023 --stage active --limit 5
refused enrolment add --cohort SCSW/2023 --name 迟到者 --national-id 11010519491231002X \
  --track service --organisation 成都市某社工站

step "Five assessors, the mid-term and final rounds, and assignments with recusal"
show user create li.ming --name 李明 --role assessor --org 四川大学公共管理学院 >"$out/li.ming.code"
show user create wang.fang --name 王芳华 --role assessor --org 成都市锦江区养老服务中心 \
  >"$out/wang.fang.code"
show user create zhao.qiang --name 赵强 --role assessor --org 西南民族大学社会学院 \
  >"$out/zhao.qiang.code"
show user create chen.yu --name 陈宇 --role assessor --org 四川省社会工作协会 >"$out/chen.yu.code"
# Each assessor redeems their own invitation.
for a in zhang.jh li.ming wang.fang zhao.qiang chen.yu; do redeem "$a" 2>/dev/null; done
show conflict add --assessor li.ming --enrolment 2 --reason "曾为其督导 (supervised her)"
show round create SCSW/2023 --title 中期考核 --position 1
show round create SCSW/2023 --title 年度考核 --position 2 --final
show assignment add SCSW/2023/1 --assessor zhang.jh,li.ming,wang.fang,zhao.qiang,chen.yu --all
show round open SCSW/2023/1
show round list SCSW/2023
step "An assessor sees only the candidates assigned to them"
as_person chen.yu show assignment list SCSW/2023/1 --lang zh | head -n 6
refused cohort rules SCSW/2023 --cap-percent 15

step "An assessor scores a candidate: points per criterion, a comment, submit"
as_assessor() { as_person chen.yu "$@"; }
first="$(as_assessor "$talentctl" -o csv --lang en assignment list SCSW/2023/1 | sed -n 2p | cut -d, -f1)"
as_assessor show score set SCSW/2023/1 "$first" --points theory=13,competence=12.5,system=18
as_assessor refused score submit SCSW/2023/1 "$first"
as_assessor refused score set SCSW/2023/1 "$first" --points ethics=15.5
as_assessor show score set SCSW/2023/1 "$first" --points talent=17,charity=13,ethics=14 \
  --comment "扎实，带动作用明显"
as_assessor show score submit SCSW/2023/1 "$first"
step "The administrator reopens it with a reason; every change is kept"
show --yes score reopen SCSW/2023/1 "$first" --assessor chen.yu --reason "核对后修改理论得分"
show score history SCSW/2023/1 "$first" --assessor chen.yu

step "The five assessors score every candidate assigned to them (deterministic scores)"
# Candidate i's level, and each assessor's leaning: the totals spread around
# it so that trimming matters; a few candidates are set apart on purpose.
round=SCSW/2023/1
# Writes an assessor's sheets as CSV lines (enrolment, six criteria, submit)
# for the candidates assigned to them in $round.
sheet_lines() {
  local a="$1" lean="$2"
  as_person "$a" "$talentctl" -o csv --lang en \
      assignment list "$round" | tail -n +2 | cut -d, -f1 |
  while read -r id; do
    local level=$(( 70 + (id * 37) % 30 ))              # 70..99
    [ "$id" -eq 3 ] && level=55                          # rated fail
    local total=$(( level * 10 + lean ))                 # tenths
    [ "$total" -gt 1000 ] && total=1000
    # Each criterion in proportion to its maximum (15/15/20/20/15/15).
    local t=$(( total * 150 / 1000 )) c=$(( total * 150 / 1000 ))
    local s=$(( total * 200 / 1000 )) g=$(( total * 200 / 1000 ))
    local ch=$(( total * 150 / 1000 )) ethics=$(( total * 150 / 1000 ))
    [ "$id" -eq 4 ] && ethics=80                         # 8.0 of 15: the veto
    f() { printf '%d.%d' $(( $1 / 10 )) $(( $1 % 10 )); }
    echo "$id,$(f $t),$(f $c),$(f $s),$(f $g),$(f $ch),$(f $ethics),yes"
  done
}
# Each assessor imports their sheets from a CSV file, checked whole.
score_sheets() {
  local a="$1" lean="$2" file="$out/sheets-$1-$(echo "$round" | tr / -).csv"
  { echo "enrolment,theory,competence,system,talent,charity,ethics,submit"
    sheet_lines "$a" "$lean"; } >"$file"
  as_person "$a" "$talentctl" score import "$round" "$file" \
    2>/dev/null
}
active="$("$talentctl" -o csv --lang en enrolment list --cohort SCSW/2023 --stage active |
  tail -n +2 | cut -d, -f1)"
absent_id="$(echo "$active" | tail -n 1)"
excused_id="$(echo "$active" | tail -n 2 | head -n 1)"
show round absent SCSW/2023/1 "$absent_id" --reason "未参加考核，无正当理由"
show round absent SCSW/2023/1 "$excused_id" --reason "因病请假，已准假" --excused
score_sheets zhang.jh -30
echo "$ talentctl score import SCSW/2023/1 $out/sheets-li.ming-SCSW-2023-1.csv   (as li.ming)" >&2
score_sheets li.ming -7
head -n 3 "$out/sheets-li.ming-SCSW-2023-1.csv" >&2
echo "two assessors have submitted their sheets" >&2
refused round close SCSW/2023/1
score_sheets wang.fang 0
score_sheets zhao.qiang 12
score_sheets chen.yu 45
echo "all five assessors have submitted their sheets" >&2
show round close SCSW/2023/1

step "Provisional results, with the rules printed under them"
show results show SCSW/2023/1
show round notice SCSW/2023/1

step "The public notice (公示): a PDF to post, and a public page while it runs"
show --lang zh round notice-pdf SCSW/2023/1 -o "$out/notice-2023-1.pdf"
pdftotext -layout "$out/notice-2023-1.pdf" - | sed -n 1,12p >&2
curl -s -o /dev/null -w "$web/notice/SCSW/2023/1: HTTP %{http_code}\n" "$web/notice/SCSW/2023/1" >&2

step "An appeal during the notice: amended, the assessor corrects the sheet"
show appeal file SCSW/2023/1 "$first" --reason "申请人认为理论得分有误"
show appeal resolve SCSW/2023/1 1 --amend --resolution "复核后更正理论得分" --reopen chen.yu
refused --yes round confirm SCSW/2023/1
as_assessor show score set SCSW/2023/1 "$first" --points theory=14.5
as_assessor show score submit SCSW/2023/1 "$first"
show appeal list SCSW/2023/1
refused --yes round confirm SCSW/2023/1

step "Six days later (talentd restarted with its clock ahead): the mid-term is confirmed"
stop_talentd
start_talentd 6
show --yes round confirm SCSW/2023/1
curl -s -o /dev/null -w "the notice is taken down with the confirmation: HTTP %{http_code}\n" \
  "$web/notice/SCSW/2023/1" >&2
show results show SCSW/2023/1
show enrolment list --cohort SCSW/2023 --stage eliminated

step "The final round: the remaining candidates, scored by the same five assessors"
show assignment add SCSW/2023/2 --assessor zhang.jh,li.ming,wang.fang,zhao.qiang,chen.yu --all
show round open SCSW/2023/2
round=SCSW/2023/2
score_sheets zhang.jh -20
score_sheets li.ming -5
score_sheets wang.fang 3
score_sheets zhao.qiang 9
score_sheets chen.yu 30
show round close SCSW/2023/2
show round notice SCSW/2023/2
stop_talentd
start_talentd 12
show --yes round confirm SCSW/2023/2
show results show SCSW/2023/2
step "The confirmed list (确认名单) of those rated excellent, on paper and at $web/notice/SCSW/2023/2"
show --lang zh round notice-pdf SCSW/2023/2 -o "$out/confirmed-2023.pdf"
step "The cohort is closed: the excellent await their certificates, the others completed"
show cohort get SCSW/2023
show enrolment list --cohort SCSW/2023 --stage active
show enrolment list --cohort SCSW/2023 --stage completed --limit 5

step "Issue the 2023 certificates, signed with the server's Ed25519 key; again issues nothing"
show cert issue --cohort SCSW/2023
show cert issue --cohort SCSW/2023
first="$("$talentctl" cert list --cohort SCSW/2023 -o csv | sed -n 2p | cut -d, -f1)"
second="$("$talentctl" cert list --cohort SCSW/2023 -o csv | sed -n 3p | cut -d, -f1)"

step "Anyone verifies a certificate online, without an account"
XDG_CONFIG_HOME="$out/nobody" TALENT_TOKEN= show --lang zh cert verify "$first"
XDG_CONFIG_HOME="$out/nobody" refused cert verify SCSW-2023-S999

step "The public verification page, as a phone's browser shows it (headless Chromium)"
echo "$web/verify/$first" >&2
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$out/chromium" --hide-scrollbars --window-size=420,760 \
  --screenshot="$out/verify-page.png" "$web/verify/$first" >/dev/null 2>&1 \
  && echo "screenshot: $out/verify-page.png" >&2 \
  || echo "(chromium could not take the screenshot; the page is at $web/verify/$first)" >&2
rm -rf "$out/chromium"

step "Offline: export the credential, verify it with the public key alone; a one-byte change fails"
show cert pubkey | tee "$out/pubkey.txt"
show cert export "$first" -o "$out/cert-$first.json"
stop_talentd  # no server from here to the next start
show cert verify --file "$out/cert-$first.json" --pubkey "$out/pubkey.txt"
# One byte: the first digit of the final score (9 becomes 8, others 9).
sed -e 's/"finalScore": "9/"finalScore": "8/' -e t -e 's/"finalScore": "[0-8]/"finalScore": "9/' \
  "$out/cert-$first.json" > "$out/cert-tampered.json"
diff "$out/cert-$first.json" "$out/cert-tampered.json" >&2 || true
refused cert verify --file "$out/cert-tampered.json" --pubkey "$out/pubkey.txt"
start_talentd 12

step "A printable certificate: A4 landscape PDF with a QR code to the verification page"
show cert pdf "$first" -o "$out/certificate-$first.pdf"

step "Revocation is for good: the certificate verifies as revoked from now on"
show --yes cert revoke "$second" --reason "申报材料中的从业年限与档案不符"
refused cert verify "$second"

step "The programme's progress toward its 300 talents, and the final round's score distribution"
show programme progress SCSW --chart "$out/progress.png"
show programme progress SCSW --chart "$out/progress.svg" -o json >/dev/null
show report cohort SCSW/2023 --chart "$out/scores.png"

step "Every change is in the hash-chained audit log, whose signed head the client remembers"
show audit list --limit 5
show audit verify
show audit export -o "$out/audit.jsonl"
show audit verify --file "$out/audit.jsonl" --pubkey "$out/pubkey.txt"

step "Stop talentd (SIGTERM: graceful shutdown)"
stop_talentd
trap - EXIT
tail -n 3 "$out/talentd.log" >&2

cat >&2 <<MSG

Demo finished. The database is $db
(SQLite, WAL mode; inspect it with: sqlite3 "$db" '.tables'),
the server's log is $out/talentd.log, the signing key $db.key.
Certificate $first:  $out/certificate-$first.pdf (printable),
  $out/cert-$first.json (the credential), $out/verify-page.png (the web page)
Charts: $out/progress.png, $out/progress.svg, $out/scores.png
Public notice: $out/notice-2023-1.pdf; confirmed list: $out/confirmed-2023.pdf
MSG
