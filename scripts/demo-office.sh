#!/usr/bin/env bash
#! Creates a demo office database with the `otau` command line, as an administrator would:
#! office DEMO01 with its three demo logins, FAMILIES demo families (default 300), three families
#! that arrived this week (one today), kandas statuses of which several end within 30 days, their
#! families included in the regional quota, plan items and a service, and relocation subsidies
#! prepared by the clerk (one approved and paid by the manager) — so every screen has something
#! to show.
#! Usage: scripts/demo-office.sh OTAU_BINARY DATABASE [FAMILIES]
#! The database must not exist yet. Used by scripts/run.sh and scripts/measure-desktop.sh.
#! The database is encrypted under the office secret $OTAU_OFFICE_SECRET, by default the demo's
#! `demo-office-secret`; its recovery code is printed once by `otau init`.
set -euo pipefail

export OTAU_OFFICE_SECRET="${OTAU_OFFICE_SECRET:-demo-office-secret}"

OTAU="$1"
DB="$2"
FAMILIES="${3:-300}"

run() {
  OTAU_PASSWORD=admin-demo "$OTAU" --db "$DB" "$@"
}

day() {
  date -d "-$1 days" +%F
}

run init --office DEMO01 --office-name "Павлодар облыстық бейімдеу орталығы" --region KZ-55 --admin admin
printf 'clerk-demo\n' | run --user admin user add --password-stdin --login clerk --role clerk --full-name "Айгерім Сапарова"
printf 'manager-demo\n' | run --user admin user add --password-stdin --login manager --role manager --full-name "Болат Нұрланов"
run --user admin demo --families "$FAMILIES" </dev/null >/dev/null

# This week's arrivals: a family of four today, two more earlier in the week.
FILE="$(mktemp --suffix=.json)"
trap 'rm -f "$FILE"' EXIT
member() {
  # relation surname given surname_latin given_latin birth sex passport country
  # Adults sign the consent form today; a child is covered by the head's consent.
  local consent
  if [ "$1" = child ] && [ "${6:0:4}" -gt "$(( $(date +%Y) - 18 ))" ]; then
    consent='"no_consent":{"reason":"minor","covered_by":0}'
  else
    consent="\"consent\":{\"given_on\":\"$(day 0)\"}"
  fi
  printf '{"relation":"%s","surname":"%s","given_name":"%s","surname_latin":"%s","given_name_latin":"%s","birth_date":"%s","sex":"%s","document":{"kind":"passport","number":"%s","issuing_country":"%s"},%s}' "$@" "$consent"
}
family() {
  # arrival country settlement category members...
  local arrival="$1" country="$2" settlement="$3" category="$4"
  shift 4
  local members
  members="$(IFS=,; echo "$*")"
  printf '{"arrival_date":"%s","country_of_origin":"%s","region":"KZ-55","settlement":"%s","accommodation_category":"%s","members":[%s]}' \
    "$arrival" "$country" "$settlement" "$category" "$members" >"$FILE"
  run --user admin family add --file "$FILE" --allow-duplicate >/dev/null
}
family "$(day 0)" MN "Павлодар" region_invites \
  "$(member head Жұмабаев Ерболат ZHUMABAYEV ERBOLAT 1983-03-21 male E7712301 MN)" \
  "$(member spouse Жұмабаева Айгүл ZHUMABAYEVA AIGUL 1986-07-02 female E7712302 MN)" \
  "$(member child Ерболатұлы Нұрдәулет ERBOLATULY NURDAULET 2011-10-15 male E7712303 MN)" \
  "$(member child Ерболатқызы Аружан ERBOLATKYZY ARUZHAN 2016-01-30 female E7712304 MN)"
family "$(day 2)" CN "Екібастұз" employer_request \
  "$(member head Әбенова Гүлмира ABENOVA GULMIRA 1979-12-08 female E8812301 CN)" \
  "$(member child Әбенов Дәулет ABENOV DAULET 2004-05-19 male E8812302 CN)"
family "$(day 5)" UZ "Ақсу" family_reunification \
  "$(member head Тұрсынов Азамат TURSYNOV AZAMAT 1990-06-11 male FA9912301 UZ)" \
  "$(member spouse Тұрсынова Мадина TURSYNOVA MADINA 1992-09-27 female FA9912302 UZ)" \
  "$(member parent Тұрсынова Күләш TURSYNOVA KULASH 1958-02-14 female FA9912303 UZ)"

# Kandas statuses granted almost a year ago (whole families): most end within 30 days.
YEAR="$(date +%Y)"
for i in 1 2 3 4 5 6 7 8; do
  regno="$(printf 'DEMO01-%s-%05d' "$YEAR" $((i * 11)))"
  run --user admin status record "$regno" --family \
    --applied "$(day $((410 - i * 4)))" \
    --recommended "$(day $((390 - i * 4)))" --recommendation yes \
    --granted "$(day $((365 - i * 4)))" >/dev/null
done

# Case work and money for the families with a status: each is included in its region's quota;
# those whose members all have an IIN get a relocation subsidy prepared by the clerk; the manager
# approves and pays the first, so the Payments screen has work awaiting and work done.
as_clerk() {
  OTAU_PASSWORD=clerk-demo "$OTAU" --db "$DB" --user clerk "$@"
}
as_manager() {
  OTAU_PASSWORD=manager-demo "$OTAU" --db "$DB" --user manager "$@"
}
prepared=0
for i in 1 2 3 4 5 6 7 8; do
  regno="$(printf 'DEMO01-%s-%05d' "$YEAR" $((i * 11)))"
  # A region whose quota is used up refuses the inclusion, as it would at a real office.
  run --user admin quota include "$regno" --on "$(day 3)" >/dev/null 2>&1 || true
  if as_clerk subsidy prepare --family "$regno" --kind relocation --decided-on "$(day 1)" \
    >/dev/null 2>&1; then
    prepared=$((prepared + 1))
  fi
  if [ "$i" -le 2 ]; then
    as_clerk plan add "$regno" --area housing --description "Пәтер іздеу" --due "$(day -14)" >/dev/null
    as_clerk plan add "$regno" --area language_courses --description "Қазақ тілі курсы" \
      --due "$(day -30)" >/dev/null
    as_clerk service record "$regno" --kind legal_consultation >/dev/null
  fi
done
if [ "$prepared" -gt 0 ]; then
  first="DEMO01-S-$YEAR-00001"
  as_manager subsidy approve "$first" >/dev/null
  as_manager subsidy pay "$first" --order "ПП-$YEAR-0117" --paid-on "$(day 0)" >/dev/null
fi
