/* apl-store-approvals.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's side of the approval workflow (see apl-approvals.h): routes,
 * submissions, decisions, statuses and the trail. Every change is one
 * transaction that also appends its trail event, so a status never changes
 * without its event, and listeners hear of it only after the commit.
 *
 * The trail is one hash chain per plan, named by the plan's uuid (see
 * 0007-approvals.sql for why it outlives the plan). Appending reads the
 * chain's head, links the new event to it and moves the head forward, all
 * inside the writing transaction (BEGIN IMMEDIATE), so two writers can
 * never fork a chain.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-approvals-private.h"
#include "apl-message-private.h"
#include "apl-store-db.h"

#define MAX_STEPS 20
#define MAX_APPROVERS 20
#define MAX_TARGET_MINUTES 43200
#define MAX_COMMENT 4000

typedef struct
{
  gint64             message_id;
  gint64             plan_id;
  char              *plan_uuid;
  char              *title;
  char              *fields[4];
  char              *hash;
  guint              version;
  gboolean           has_row;
  AplApprovalStatus  status;
  gboolean           pre_approved;
  char              *approved_hash;
} MessageInfo;

typedef struct
{
  gint64  id;
  char   *submitter;
  char   *submitted_at;
  char   *text_hash;
  char   *state;
  guint   version;
} Submission;

/* Helpers */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static char *
column_dup_or_null (sqlite3_stmt *stmt,
                    int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup (column_text (stmt, column));
}

static void
message_info_clear (MessageInfo *info)
{
  g_free (info->plan_uuid);
  g_free (info->title);
  for (guint i = 0; i < G_N_ELEMENTS (info->fields); i++)
    g_free (info->fields[i]);
  g_free (info->hash);
  g_free (info->approved_hash);
  memset (info, 0, sizeof *info);
}

static void
submission_clear (Submission *submission)
{
  g_free (submission->submitter);
  g_free (submission->submitted_at);
  g_free (submission->text_hash);
  g_free (submission->state);
  memset (submission, 0, sizeof *submission);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MessageInfo, message_info_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Submission, submission_clear)

static gboolean
covered (const MessageInfo *info)
{
  return info->approved_hash != NULL && g_strcmp0 (info->approved_hash, info->hash) == 0;
}

static gboolean
check_actor (const char  *actor,
             GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (actor ? actor : ""));

  if (*trimmed == '\0')
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("Set your name in Preferences first: approvals record who did what."));
      return FALSE;
    }
  if (!g_utf8_validate (actor, -1, NULL) || strlen (actor) > 200)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("Your name is too long or contains characters that are not text."));
      return FALSE;
    }
  return TRUE;
}

/* Reads the message as the current transaction sees it, with its status. */
static gboolean
load_info (AplStore     *self,
           gint64        message_id,
           MessageInfo  *info,
           GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (info, 0, sizeof *info);
  stmt = _apl_store_prepare (self,
                             "SELECT m.plan_id, p.uuid, m.title, m.subject, m.body, m.channel, m.language, "
                             "       (SELECT max (number) FROM message_versions v WHERE v.message_id = m.id), "
                             "       a.status, a.pre_approved, a.approved_hash "
                             "FROM messages m JOIN plans p ON p.id = m.plan_id "
                             "LEFT JOIN message_approvals a ON a.message_id = m.id "
                             "WHERE m.id = ?1 AND m.deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, message_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info->message_id = message_id;
      info->plan_id = sqlite3_column_int64 (stmt, 0);
      info->plan_uuid = g_strdup (column_text (stmt, 1));
      info->title = g_strdup (column_text (stmt, 2));
      for (guint i = 0; i < 4; i++)
        info->fields[i] = g_strdup (column_text (stmt, 3 + i));
      info->version = (guint) sqlite3_column_int64 (stmt, 7);
      info->has_row = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
      if (!info->has_row || !apl_approval_status_from_key (column_text (stmt, 8), &info->status))
        info->status = APL_APPROVAL_DRAFT;
      info->pre_approved = sqlite3_column_int (stmt, 9) != 0;
      info->approved_hash = column_dup_or_null (stmt, 10);
      info->hash = apl_approval_hash_text (info->fields[0], info->fields[1], info->fields[2], info->fields[3]);
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _apl_store_set_error (self, rc, error);
  else
    g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                 _("There is no message %lld."), (long long) message_id);
  return FALSE;
}

/* The open submission, or else the latest one; FALSE without error when
 * the message was never submitted. */
static gboolean
load_submission (AplStore    *self,
                 gint64       message_id,
                 Submission  *submission,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (submission, 0, sizeof *submission);
  stmt = _apl_store_prepare (self,
                             "SELECT id, submitter, submitted_at, text_hash, state, version_number "
                             "FROM approval_submissions WHERE message_id = ?1 "
                             "ORDER BY state = 'open' DESC, id DESC LIMIT 1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, message_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      submission->id = sqlite3_column_int64 (stmt, 0);
      submission->submitter = g_strdup (column_text (stmt, 1));
      submission->submitted_at = g_strdup (column_text (stmt, 2));
      submission->text_hash = g_strdup (column_text (stmt, 3));
      submission->state = g_strdup (column_text (stmt, 4));
      submission->version = (guint) sqlite3_column_int64 (stmt, 5);
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return submission->id != 0;
}

static GPtrArray *
load_route (AplStore  *self,
            gint64     plan_id,
            GError   **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self,
                             "SELECT s.id, s.role, s.rule, s.timing, s.target_minutes, a.name, a.deputy "
                             "FROM approval_steps s LEFT JOIN approval_approvers a ON a.step_id = s.id "
                             "WHERE s.plan_id = ?1 ORDER BY s.position, a.position",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      AplApprovalStep *step = steps->len > 0 ? g_ptr_array_index (steps, steps->len - 1) : NULL;

      if (step == NULL || step->id != id)
        {
          step = apl_approval_step_new (column_text (stmt, 1),
                                        g_str_equal (column_text (stmt, 2), "all-of") ? APL_STEP_ALL_OF
                                                                                     : APL_STEP_ONE_OF,
                                        g_str_equal (column_text (stmt, 3), "with-previous")
                                          ? APL_STEP_WITH_PREVIOUS : APL_STEP_AFTER_PREVIOUS,
                                        (guint) sqlite3_column_int (stmt, 4));
          step->id = id;
          g_ptr_array_add (steps, step);
        }
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        apl_approval_step_add_approver (step, column_text (stmt, 5), column_text (stmt, 6));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&steps);
}

/* The approvals given on a submission. The strings live in @strings. */
static GArray *
load_step_approvals (AplStore   *self,
                     gint64      submission_id,
                     GPtrArray  *strings,
                     GError    **error)
{
  g_autoptr(GArray) approvals = g_array_new (FALSE, TRUE, sizeof (AplStepApproval));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self,
                             "SELECT step_id, acting_for, decided_at FROM approval_decisions "
                             "WHERE submission_id = ?1 AND decision = 'approve' AND step_id IS NOT NULL "
                             "ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, submission_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplStepApproval approval;
      char *acting_for = g_strdup (column_text (stmt, 1));
      char *decided_at = g_strdup (column_text (stmt, 2));

      g_ptr_array_add (strings, acting_for);
      g_ptr_array_add (strings, decided_at);
      approval.step_id = sqlite3_column_int64 (stmt, 0);
      approval.acting_for = acting_for;
      approval.decided_at = decided_at;
      g_array_append_val (approvals, approval);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&approvals);
}

static gboolean
write_status (AplStore          *self,
              gint64             message_id,
              AplApprovalStatus  status,
              gboolean           pre_approved,
              const char        *now,
              GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO message_approvals (message_id, status, pre_approved, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4) "
                             "ON CONFLICT (message_id) DO UPDATE SET status = excluded.status, "
                             "  pre_approved = excluded.pre_approved, updated_at = excluded.updated_at",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, message_id);
  sqlite3_bind_text (stmt, 2, apl_approval_status_get_key (status), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, pre_approved ? 1 : 0);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  return _apl_store_step_done (self, stmt, error);
}

static gboolean
close_submission (AplStore    *self,
                  gint64       submission_id,
                  const char  *state,
                  const char  *now,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self,
                             "UPDATE approval_submissions SET state = ?2, closed_at = ?3 "
                             "WHERE id = ?1 AND state = 'open'",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, submission_id);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  return _apl_store_step_done (self, stmt, error);
}

/* Appends an event to its plan's chain. */
static gboolean
append_event (AplStore           *self,
              const MessageInfo  *info,
              const char         *now,
              const char         *actor,
              const char         *actor_role,
              const char         *kind,
              const char         *detail,
              const char         *comment,
              GError            **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  AplTrailEvent event = { 0, };
  sqlite3_stmt *stmt;
  gint64 seq = 0;
  int rc;

  stmt = _apl_store_prepare (self, "SELECT seq, hash FROM approval_chain_heads WHERE plan_uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->plan_uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0);
      prev_hash = g_strdup (column_text (stmt, 1));
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }

  event.seq = seq + 1;
  event.plan_uuid = info->plan_uuid;
  event.occurred_at = (char *) now;
  event.actor = (char *) (actor ? actor : "");
  event.actor_role = (char *) (actor_role ? actor_role : "");
  event.kind = (char *) kind;
  event.message_id = info->message_id;
  event.message_title = info->title;
  event.message_version = info->version;
  event.text_hash = info->hash;
  event.detail = (char *) (detail ? detail : "");
  event.comment = (char *) (comment ? comment : "");
  event.prev_hash = prev_hash ? prev_hash : (char *) APL_TRAIL_GENESIS_HASH;
  hash = apl_trail_event_compute_hash (&event);

  stmt = _apl_store_prepare (self,
                             "INSERT INTO approval_events (plan_uuid, seq, occurred_at, actor, actor_role, kind, "
                             "  message_id, message_title, message_version, text_hash, detail, comment, "
                             "  prev_hash, hash) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event.plan_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, event.seq);
  sqlite3_bind_text (stmt, 3, event.occurred_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, event.actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, event.actor_role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, event.kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, event.message_id);
  sqlite3_bind_text (stmt, 8, event.message_title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, event.message_version);
  sqlite3_bind_text (stmt, 10, event.text_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, event.detail, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, event.comment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, event.prev_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, hash, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO approval_chain_heads (plan_uuid, seq, hash) VALUES (?1, ?2, ?3) "
                             "ON CONFLICT (plan_uuid) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event.plan_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, event.seq);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  return _apl_store_step_done (self, stmt, error);
}

static char *
describe_route (GPtrArray *steps)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < steps->len; i++)
    {
      AplApprovalStep *step = g_ptr_array_index (steps, i);

      if (i > 0)
        g_string_append (text, step->timing == APL_STEP_WITH_PREVIOUS ? " + " : " → ");
      g_string_append (text, step->role);
    }
  return g_string_free (text, FALSE);
}

static char *
join_names (GPtrArray *names)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (names, i));
  return g_string_free (text, FALSE);
}

/* Route */

/**
 * apl_store_get_approval_route:
 *
 * Returns: (transfer full) (element-type AplApprovalStep): the plan's
 * route, in order; empty when it has none yet
 */
GPtrArray *
apl_store_get_approval_route (AplStore  *self,
                              AplPlan   *plan,
                              GError   **error)
{
  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  return load_route (self, apl_plan_get_id (plan), error);
}

static gboolean
validate_route (GPtrArray  *steps,
                GError    **error)
{
  if (steps->len > MAX_STEPS)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("A route has at most %d steps."), MAX_STEPS);
      return FALSE;
    }
  for (guint i = 0; i < steps->len; i++)
    {
      AplApprovalStep *step = g_ptr_array_index (steps, i);
      g_autofree char *role = g_strstrip (g_strdup (step->role ? step->role : ""));

      if (*role == '\0' || !g_utf8_validate (role, -1, NULL) || strlen (role) > 200)
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("Step %u needs a role, for example Legal or Executive."), i + 1);
          return FALSE;
        }
      if (step->approvers->len == 0 || step->approvers->len > MAX_APPROVERS)
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("The %s step needs between 1 and %d approvers."), role, MAX_APPROVERS);
          return FALSE;
        }
      if (step->target_minutes > MAX_TARGET_MINUTES)
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("A target time is at most 30 days (43 200 minutes)."));
          return FALSE;
        }
      for (guint a = 0; a < step->approvers->len; a++)
        {
          AplApprover *approver = g_ptr_array_index (step->approvers, a);
          g_autofree char *name = g_strstrip (g_strdup (approver->name ? approver->name : ""));

          if (*name == '\0' || !g_utf8_validate (approver->name, -1, NULL) || strlen (name) > 200
              || !g_utf8_validate (approver->deputy ? approver->deputy : "", -1, NULL)
              || strlen (approver->deputy ? approver->deputy : "") > 200)
            {
              g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                           _("Every approver of the %s step needs a name."), role);
              return FALSE;
            }
          if (apl_approval_names_equal (approver->name, approver->deputy))
            {
              g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                           _("%s cannot be their own deputy."), name);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/**
 * apl_store_set_approval_route:
 * @steps: (element-type AplApprovalStep): the whole route, in order; the
 *   first step always starts on its own, whatever its timing says
 *
 * Replaces the plan's route. Refused while a message of the plan is in
 * review: the rules of a review do not change half-way through it.
 */
gboolean
apl_store_set_approval_route (AplStore   *self,
                              AplPlan    *plan,
                              GPtrArray  *steps,
                              GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (steps != NULL, FALSE);

  if (!validate_route (steps, error))
    return FALSE;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "SELECT count(*) FROM approval_submissions WHERE plan_id = ?1 AND state = 'open'",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _apl_store_set_error (self, rc, error);
      goto fail;
    }
  if (sqlite3_column_int64 (stmt, 0) > 0)
    {
      sqlite3_reset (stmt);
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("Messages of this plan are waiting for approval: decide on them or withdraw them "
                     "before changing the route."));
      goto fail;
    }
  sqlite3_reset (stmt);

  stmt = _apl_store_prepare (self, "DELETE FROM approval_steps WHERE plan_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;

  for (guint i = 0; i < steps->len; i++)
    {
      AplApprovalStep *step = g_ptr_array_index (steps, i);
      g_autofree char *role = g_strstrip (g_strdup (step->role));
      gint64 step_id;

      stmt = _apl_store_prepare (self,
                                 "INSERT INTO approval_steps (plan_id, position, role, rule, timing, target_minutes) "
                                 "SELECT id, ?2, ?3, ?4, ?5, ?6 FROM plans WHERE id = ?1 AND deleted_at IS NULL",
                                 error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
      sqlite3_bind_int64 (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, role, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, step->rule == APL_STEP_ALL_OF ? "all-of" : "one-of", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, i > 0 && step->timing == APL_STEP_WITH_PREVIOUS ? "with-previous"
                                                                                   : "after-previous",
                         -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, step->target_minutes);
      if (!_apl_store_step_done (self, stmt, error))
        goto fail;
      if (sqlite3_changes (_apl_store_get_db (self)) != 1)
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                       _("The plan “%s” no longer exists."), apl_plan_get_title (plan));
          goto fail;
        }
      step_id = sqlite3_last_insert_rowid (_apl_store_get_db (self));

      for (guint a = 0; a < step->approvers->len; a++)
        {
          AplApprover *approver = g_ptr_array_index (step->approvers, a);
          g_autofree char *name = g_strstrip (g_strdup (approver->name));
          g_autofree char *deputy = g_strstrip (g_strdup (approver->deputy ? approver->deputy : ""));

          stmt = _apl_store_prepare (self,
                                     "INSERT INTO approval_approvers (step_id, position, name, deputy) "
                                     "VALUES (?1, ?2, ?3, ?4)",
                                     error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_int64 (stmt, 1, step_id);
          sqlite3_bind_int64 (stmt, 2, a);
          sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, deputy, -1, SQLITE_TRANSIENT);
          if (!_apl_store_step_done (self, stmt, error))
            goto fail;
        }
    }

  if (!_apl_store_commit (self, error))
    return FALSE;
  _apl_approvals_emit_changed (self, apl_plan_get_id (plan));
  return TRUE;

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/* State */

static AplApprovalState *
build_state (AplStore     *self,
             gint64        message_id,
             GError      **error)
{
  g_autoptr(AplApprovalState) state = g_new0 (AplApprovalState, 1);
  g_auto(MessageInfo) info = { 0, };
  g_auto(Submission) submission = { 0, };
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!load_info (self, message_id, &info, error))
    return NULL;

  state->message_id = message_id;
  state->plan_id = info.plan_id;
  state->title = g_strdup (info.title);
  state->status = info.status;
  state->pre_approved = info.pre_approved;
  state->covered = covered (&info);
  state->current_hash = g_strdup (info.hash);
  state->approved_hash = g_strdup (info.approved_hash);
  state->waiting_for = g_ptr_array_new_with_free_func (g_free);

  if (info.approved_hash != NULL)
    {
      stmt = _apl_store_prepare (self,
                                 "SELECT approved_version, approved_at, approved_subject, approved_body, "
                                 "       approved_channel, approved_language "
                                 "FROM message_approvals WHERE message_id = ?1",
                                 error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, message_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          state->approved_version = (guint) sqlite3_column_int64 (stmt, 0);
          state->approved_at = column_dup_or_null (stmt, 1);
          for (guint i = 0; i < 4; i++)
            state->approved_fields[i] = g_strdup (column_text (stmt, 2 + i));
          rc = SQLITE_DONE;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _apl_store_set_error (self, rc, error);
          return NULL;
        }
    }

  if (!load_submission (self, message_id, &submission, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_steal_pointer (&state);
    }

  state->submission_id = submission.id;
  state->submitter = g_strdup (submission.submitter);
  state->submitted_at = g_strdup (submission.submitted_at);

  stmt = _apl_store_prepare (self,
                             "SELECT actor, comment FROM approval_decisions WHERE submission_id = ?1 "
                             "ORDER BY id DESC LIMIT 1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, submission.id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->last_decider = g_strdup (column_text (stmt, 0));
      state->last_comment = g_strdup (column_text (stmt, 1));
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }

  if (g_str_equal (submission.state, "open"))
    {
      g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) steps = load_route (self, info.plan_id, error);
      g_autoptr(GArray) approvals = NULL;
      AplRouteProgress progress;

      if (steps == NULL)
        return NULL;
      approvals = load_step_approvals (self, submission.id, strings, error);
      if (approvals == NULL)
        return NULL;
      _apl_route_progress (steps, approvals, submission.submitted_at, &progress);
      g_ptr_array_extend_and_steal (state->waiting_for, g_steal_pointer (&progress.waiting_for));
      state->current_role = g_steal_pointer (&progress.current_role);
      if (progress.target_minutes > 0 && progress.stage_started_at != NULL)
        {
          g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (progress.stage_started_at, NULL);
          g_autoptr(GDateTime) due = start ? g_date_time_add_minutes (start, (int) progress.target_minutes) : NULL;

          if (due != NULL)
            state->due_at = g_date_time_format (due, "%Y-%m-%dT%H:%M:%SZ");
        }
      _apl_route_progress_clear (&progress);
    }

  return g_steal_pointer (&state);
}

/**
 * apl_store_get_approval_state:
 *
 * Returns: (transfer full): where @message stands in the workflow
 */
AplApprovalState *
apl_store_get_approval_state (AplStore    *self,
                              AplMessage  *message,
                              GError     **error)
{
  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_MESSAGE (message), NULL);

  return build_state (self, apl_message_get_id (message), error);
}

/**
 * apl_store_list_approval_states:
 *
 * Returns: (transfer full) (element-type AplApprovalState): the state of
 * each of the plan's messages, in the order of apl_store_get_messages()
 */
GPtrArray *
apl_store_list_approval_states (AplStore  *self,
                                AplPlan   *plan,
                                GError   **error)
{
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_state_free);
  GListModel *messages;
  guint n;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  messages = apl_store_get_messages (self, plan, error);
  if (messages == NULL)
    return NULL;
  n = g_list_model_get_n_items (messages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplMessage) message = g_list_model_get_item (messages, i);
      AplApprovalState *state = build_state (self, apl_message_get_id (message), error);

      if (state == NULL)
        return NULL;
      g_ptr_array_add (states, state);
    }
  return g_steal_pointer (&states);
}

/* Workflow */

static gboolean
finish (AplStore  *self,
        gint64     plan_id,
        GError   **error)
{
  if (!_apl_store_commit (self, error))
    return FALSE;
  _apl_approvals_emit_changed (self, plan_id);
  return TRUE;
}

/**
 * apl_store_submit_for_approval:
 *
 * Submits the message's current text for approval along its plan's route.
 * Refused when the plan has no route, when the message is already in
 * review or retired, and when its current text is already approved.
 */
gboolean
apl_store_submit_for_approval (AplStore    *self,
                               AplMessage  *message,
                               const char  *actor,
                               const char  *actor_role,
                               GError     **error)
{
  g_auto(MessageInfo) info = { 0, };
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *now = _apl_messages_now_iso ();
  g_autofree char *route = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_MESSAGE (message), FALSE);

  if (!check_actor (actor, error))
    return FALSE;
  if (!_apl_store_begin (self, error))
    return FALSE;
  if (!load_info (self, apl_message_get_id (message), &info, error))
    goto fail;

  if (info.status == APL_APPROVAL_IN_REVIEW)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("“%s” is already waiting for approval."), info.title);
      goto fail;
    }
  if (info.status == APL_APPROVAL_RETIRED)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("“%s” is retired: bring it back into use before submitting it."), info.title);
      goto fail;
    }
  if (info.status == APL_APPROVAL_APPROVED && covered (&info))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("“%s” is already approved: its text has not changed since."), info.title);
      goto fail;
    }

  steps = load_route (self, info.plan_id, error);
  if (steps == NULL)
    goto fail;
  if (steps->len == 0)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("This plan has no approval route yet: add at least one step with its approvers."));
      goto fail;
    }

  stmt = _apl_store_prepare (self,
                             "INSERT INTO approval_submissions (plan_id, message_id, version_number, text_hash, "
                             "  submitter, submitter_role, submitted_at, state) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open')",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, info.plan_id);
  sqlite3_bind_int64 (stmt, 2, info.message_id);
  sqlite3_bind_int64 (stmt, 3, MAX (info.version, 1));
  sqlite3_bind_text (stmt, 4, info.hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, actor_role ? actor_role : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;

  route = describe_route (steps);
  if (!write_status (self, info.message_id, APL_APPROVAL_IN_REVIEW, FALSE, now, error)
      || !append_event (self, &info, now, actor, actor_role, "submitted", route, "", error))
    goto fail;

  return finish (self, info.plan_id, error);

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/**
 * apl_store_withdraw_submission:
 *
 * Takes the message out of review, back to draft. Only its submitter can.
 */
gboolean
apl_store_withdraw_submission (AplStore    *self,
                               AplMessage  *message,
                               const char  *actor,
                               const char  *actor_role,
                               GError     **error)
{
  g_auto(MessageInfo) info = { 0, };
  g_auto(Submission) submission = { 0, };
  g_autofree char *now = _apl_messages_now_iso ();

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_MESSAGE (message), FALSE);

  if (!check_actor (actor, error))
    return FALSE;
  if (!_apl_store_begin (self, error))
    return FALSE;
  if (!load_info (self, apl_message_get_id (message), &info, error))
    goto fail;
  if (info.status != APL_APPROVAL_IN_REVIEW || !load_submission (self, info.message_id, &submission, NULL)
      || !g_str_equal (submission.state, "open"))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("“%s” is not waiting for approval."), info.title);
      goto fail;
    }
  if (!apl_approval_names_equal (actor, submission.submitter))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_PERMISSION,
                   _("Only %s, who submitted “%s”, can withdraw it."), submission.submitter, info.title);
      goto fail;
    }

  if (!close_submission (self, submission.id, "withdrawn", now, error)
      || !write_status (self, info.message_id, APL_APPROVAL_DRAFT, info.pre_approved, now, error)
      || !append_event (self, &info, now, actor, actor_role, "withdrawn", "", "", error))
    goto fail;

  return finish (self, info.plan_id, error);

fail:
  _apl_store_rollback (self);
  return FALSE;
}

static gboolean
write_approved (AplStore           *self,
                const MessageInfo  *info,
                const char         *now,
                GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self,
                             "UPDATE message_approvals SET status = 'approved', pre_approved = 0, "
                             "  approved_hash = ?2, approved_version = ?3, approved_at = ?4, "
                             "  approved_subject = ?5, approved_body = ?6, approved_channel = ?7, "
                             "  approved_language = ?8, updated_at = ?4 "
                             "WHERE message_id = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, info->message_id);
  sqlite3_bind_text (stmt, 2, info->hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, info->version);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < 4; i++)
    sqlite3_bind_text (stmt, 5 + i, info->fields[i], -1, SQLITE_TRANSIENT);
  return _apl_store_step_done (self, stmt, error);
}

/**
 * apl_store_decide_approval:
 * @seen_hash: (nullable): the text hash (apl_approval_hash_message()) of
 *   the text the approver read; the decision is refused when the message
 *   has changed since
 * @comment: (nullable): required to request changes
 *
 * Records an approver's decision on the message in review. The actor must
 * be an approver, or a deputy of one, of a pending step of the current
 * stage, and must not be the submitter. Approving the last pending step
 * approves the message; requesting changes or rejecting ends the review.
 */
gboolean
apl_store_decide_approval (AplStore     *self,
                           AplMessage   *message,
                           AplDecision   decision,
                           const char   *seen_hash,
                           const char   *actor,
                           const char   *actor_role,
                           const char   *comment,
                           GError      **error)
{
  g_auto(MessageInfo) info = { 0, };
  g_auto(Submission) submission = { 0, };
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) approvals = NULL;
  g_autofree char *now = _apl_messages_now_iso ();
  g_autofree char *trimmed = g_strstrip (g_strdup (comment ? comment : ""));
  g_autofree char *detail = NULL;
  AplApprovalStep *step;
  const char *acting_for = NULL;
  const char *kind;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_MESSAGE (message), FALSE);
  g_return_val_if_fail (decision <= APL_DECISION_REJECT, FALSE);

  if (!check_actor (actor, error))
    return FALSE;
  if (decision == APL_DECISION_REQUEST_CHANGES && *trimmed == '\0')
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("Say what needs to change: a request for changes needs a comment."));
      return FALSE;
    }
  if (!g_utf8_validate (trimmed, -1, NULL) || strlen (trimmed) > MAX_COMMENT)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("The comment is too long or contains characters that are not text."));
      return FALSE;
    }

  if (!_apl_store_begin (self, error))
    return FALSE;
  if (!load_info (self, apl_message_get_id (message), &info, error))
    goto fail;
  if (info.status != APL_APPROVAL_IN_REVIEW || !load_submission (self, info.message_id, &submission, NULL)
      || !g_str_equal (submission.state, "open"))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("“%s” is not waiting for approval (it is %s)."), info.title,
                   apl_approval_status_get_name (info.status));
      goto fail;
    }
  if ((seen_hash != NULL && g_strcmp0 (seen_hash, info.hash) != 0)
      || g_strcmp0 (submission.text_hash, info.hash) != 0)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("“%s” changed since you opened it: read the current text before deciding."), info.title);
      goto fail;
    }
  if (apl_approval_names_equal (actor, submission.submitter))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_PERMISSION,
                   _("You submitted “%s”: someone else has to decide on it."), info.title);
      goto fail;
    }

  steps = load_route (self, info.plan_id, error);
  if (steps == NULL)
    goto fail;
  approvals = load_step_approvals (self, submission.id, strings, error);
  if (approvals == NULL)
    goto fail;
  step = _apl_route_find_slot (steps, approvals, actor, &acting_for);
  if (step == NULL)
    {
      AplRouteProgress progress;
      g_autofree char *names = NULL;

      _apl_route_progress (steps, approvals, submission.submitted_at, &progress);
      names = join_names (progress.waiting_for);
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_PERMISSION,
                   _("%s is not an approver of the current step of “%s”; it waits for: %s."),
                   actor, info.title, names);
      _apl_route_progress_clear (&progress);
      goto fail;
    }

  stmt = _apl_store_prepare (self,
                             "INSERT INTO approval_decisions (submission_id, step_id, step_role, decision, actor, "
                             "  actor_role, acting_for, comment, text_hash, decided_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, submission.id);
  sqlite3_bind_int64 (stmt, 2, step->id);
  sqlite3_bind_text (stmt, 3, step->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, decision == APL_DECISION_APPROVE ? "approve"
                              : decision == APL_DECISION_REJECT ? "reject" : "request-changes",
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, actor_role ? actor_role : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, acting_for, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, trimmed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, info.hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;

  /* Translators: the role of an approval step, and the approver a deputy
   * decided for */
  detail = apl_approval_names_equal (actor, acting_for)
           ? g_strdup (step->role)
           : g_strdup_printf (_("%s, as deputy of %s"), step->role, acting_for);

  if (decision == APL_DECISION_APPROVE)
    {
      AplStepApproval approval = { step->id, acting_for, now };
      AplRouteProgress progress;
      gboolean complete;

      g_array_append_val (approvals, approval);
      _apl_route_progress (steps, approvals, submission.submitted_at, &progress);
      complete = progress.complete;
      _apl_route_progress_clear (&progress);

      if (complete)
        {
          kind = "approved";
          if (!close_submission (self, submission.id, "approved", now, error)
              || !write_approved (self, &info, now, error))
            goto fail;
        }
      else
        kind = "step-approved";
    }
  else
    {
      gboolean reject = decision == APL_DECISION_REJECT;

      kind = reject ? "rejected" : "changes-requested";
      if (!close_submission (self, submission.id, kind, now, error)
          || !write_status (self, info.message_id,
                            reject ? APL_APPROVAL_REJECTED : APL_APPROVAL_CHANGES_REQUESTED,
                            FALSE, now, error))
        goto fail;
    }

  if (!append_event (self, &info, now, actor, actor_role, kind, detail, trimmed, error))
    goto fail;

  return finish (self, info.plan_id, error);

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/**
 * apl_store_set_message_retired:
 *
 * Retires a message (it is kept, but no longer meant to be used; a review
 * in progress ends) or brings it back: approved again if its text is still
 * the approved one, else a draft.
 */
gboolean
apl_store_set_message_retired (AplStore    *self,
                               AplMessage  *message,
                               gboolean     retired,
                               const char  *actor,
                               const char  *actor_role,
                               GError     **error)
{
  g_auto(MessageInfo) info = { 0, };
  g_auto(Submission) submission = { 0, };
  g_autofree char *now = _apl_messages_now_iso ();
  AplApprovalStatus status;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_MESSAGE (message), FALSE);

  if (!check_actor (actor, error))
    return FALSE;
  if (!_apl_store_begin (self, error))
    return FALSE;
  if (!load_info (self, apl_message_get_id (message), &info, error))
    goto fail;

  if ((info.status == APL_APPROVAL_RETIRED) == !!retired)
    {
      _apl_store_rollback (self);
      return TRUE;
    }

  if (retired)
    {
      status = APL_APPROVAL_RETIRED;
      if (info.status == APL_APPROVAL_IN_REVIEW && load_submission (self, info.message_id, &submission, NULL)
          && g_str_equal (submission.state, "open")
          && !close_submission (self, submission.id, "withdrawn", now, error))
        goto fail;
    }
  else
    status = covered (&info) ? APL_APPROVAL_APPROVED : APL_APPROVAL_DRAFT;

  if (!write_status (self, info.message_id, status, FALSE, now, error)
      || !append_event (self, &info, now, actor, actor_role, retired ? "retired" : "unretired", "", "", error))
    goto fail;

  return finish (self, info.plan_id, error);

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/**
 * apl_store_set_pre_approved:
 *
 * Marks approved text as pre-approved: signed off in advance (a holding
 * statement legal has cleared), so that in a crisis only the placeholders'
 * facts remain to be checked. Only an approved message whose text is
 * still the approved one can be marked; an edit of its text removes the
 * mark along with the approval.
 */
gboolean
apl_store_set_pre_approved (AplStore    *self,
                            AplMessage  *message,
                            gboolean     pre_approved,
                            const char  *actor,
                            const char  *actor_role,
                            GError     **error)
{
  g_auto(MessageInfo) info = { 0, };
  g_autofree char *now = _apl_messages_now_iso ();

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_MESSAGE (message), FALSE);

  if (!check_actor (actor, error))
    return FALSE;
  if (!_apl_store_begin (self, error))
    return FALSE;
  if (!load_info (self, apl_message_get_id (message), &info, error))
    goto fail;

  if (info.pre_approved == !!pre_approved)
    {
      _apl_store_rollback (self);
      return TRUE;
    }
  if (pre_approved && !(info.status == APL_APPROVAL_APPROVED && covered (&info)))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("Only approved text can be pre-approved: “%s” is %s."), info.title,
                   apl_approval_status_get_name (info.status));
      goto fail;
    }

  if (!write_status (self, info.message_id, info.status, pre_approved, now, error)
      || !append_event (self, &info, now, actor, actor_role,
                        pre_approved ? "pre-approved" : "pre-approval-removed", "", "", error))
    goto fail;

  return finish (self, info.plan_id, error);

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/* Hooks from the message store */

gboolean
_apl_store_approval_on_message_edited (AplStore    *self,
                                       gint64       message_id,
                                       const char  *author,
                                       GError     **error)
{
  g_auto(MessageInfo) info = { 0, };
  g_auto(Submission) submission = { 0, };
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;

  if (!load_info (self, message_id, &info, error))
    return FALSE;
  if (!info.has_row)
    return TRUE;

  now = _apl_messages_now_iso ();
  /* Translators: which version of a message an event is about */
  detail = g_strdup_printf (_("version %u"), info.version);

  if (info.status == APL_APPROVAL_APPROVED && !covered (&info))
    {
      if (!write_status (self, message_id, APL_APPROVAL_DRAFT, FALSE, now, error)
          || !append_event (self, &info, now, author, "", "edited-after-approval", detail, "", error))
        return FALSE;
    }
  else if (info.status == APL_APPROVAL_IN_REVIEW)
    {
      g_autoptr(GError) local_error = NULL;

      if (!load_submission (self, message_id, &submission, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return TRUE;
        }
      if (g_str_equal (submission.state, "open") && g_strcmp0 (submission.text_hash, info.hash) != 0
          && (!close_submission (self, submission.id, "superseded", now, error)
              || !write_status (self, message_id, APL_APPROVAL_DRAFT, FALSE, now, error)
              || !append_event (self, &info, now, author, "", "edited-in-review", detail, "", error)))
        return FALSE;
    }
  else if (info.status == APL_APPROVAL_DRAFT && covered (&info))
    {
      if (!write_status (self, message_id, APL_APPROVAL_APPROVED, FALSE, now, error)
          || !append_event (self, &info, now, author, "", "approved-text-restored", detail, "", error))
        return FALSE;
    }
  else
    return TRUE;

  _apl_approvals_emit_changed_later (self, info.plan_id);
  return TRUE;
}

gboolean
_apl_store_approval_seals_version (AplStore  *self,
                                   gint64     message_id,
                                   guint      number)
{
  sqlite3_stmt *stmt;
  gboolean sealed;

  stmt = _apl_store_prepare (self,
                             "SELECT 1 FROM approval_submissions WHERE message_id = ?1 AND version_number = ?2",
                             NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, message_id);
  sqlite3_bind_int64 (stmt, 2, number);
  sealed = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return sealed;
}

/* Trail */

static AplTrailEvent *
event_from_row (sqlite3_stmt *stmt)
{
  AplTrailEvent *event = g_new0 (AplTrailEvent, 1);

  event->seq = sqlite3_column_int64 (stmt, 0);
  event->plan_uuid = g_strdup (column_text (stmt, 1));
  event->occurred_at = g_strdup (column_text (stmt, 2));
  event->actor = g_strdup (column_text (stmt, 3));
  event->actor_role = g_strdup (column_text (stmt, 4));
  event->kind = g_strdup (column_text (stmt, 5));
  event->message_id = sqlite3_column_int64 (stmt, 6);
  event->message_title = g_strdup (column_text (stmt, 7));
  event->message_version = (guint) sqlite3_column_int64 (stmt, 8);
  event->text_hash = g_strdup (column_text (stmt, 9));
  event->detail = g_strdup (column_text (stmt, 10));
  event->comment = g_strdup (column_text (stmt, 11));
  event->prev_hash = g_strdup (column_text (stmt, 12));
  event->hash = g_strdup (column_text (stmt, 13));
  return event;
}

/**
 * apl_store_get_trail:
 * @plan_uuid: a plan's uuid; the plan itself may have been purged
 *
 * Returns: (transfer full) (element-type AplTrailEvent): the plan's trail,
 * oldest first
 */
GPtrArray *
apl_store_get_trail (AplStore    *self,
                     const char  *plan_uuid,
                     GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_trail_event_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (plan_uuid != NULL, NULL);

  stmt = _apl_store_prepare (self,
                             "SELECT seq, plan_uuid, occurred_at, actor, actor_role, kind, message_id, "
                             "       message_title, message_version, text_hash, detail, comment, prev_hash, hash "
                             "FROM approval_events WHERE plan_uuid = ?1 ORDER BY seq, id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

/**
 * apl_store_get_trail_head:
 *
 * Returns: (transfer full) (nullable): the hash of the plan's latest
 * event, %NULL (without @error) when its trail is empty
 */
char *
apl_store_get_trail_head (AplStore    *self,
                          const char  *plan_uuid,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  char *hash = NULL;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);

  stmt = _apl_store_prepare (self, "SELECT hash FROM approval_chain_heads WHERE plan_uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      hash = g_strdup (column_text (stmt, 0));
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _apl_store_set_error (self, rc, error);
  return hash;
}

static AplTrailBreak *
trail_break (const char *plan_uuid,
             gint64      seq,
             char       *description)
{
  AplTrailBreak *broken = g_new0 (AplTrailBreak, 1);

  broken->plan_uuid = g_strdup (plan_uuid);
  broken->seq = seq;
  broken->description = description;
  return broken;
}

/* The first broken link of one plan's chain, or NULL when it verifies;
 * @n_events, when given, gets the number of events read. */
static AplTrailBreak *
verify_chain (AplStore    *self,
              const char  *plan_uuid,
              guint       *n_events,
              GError     **error)
{
  g_autoptr(GPtrArray) events = apl_store_get_trail (self, plan_uuid, error);
  g_autofree char *head_hash = NULL;
  const char *prev = APL_TRAIL_GENESIS_HASH;
  gint64 expected = 1;
  gint64 head_seq = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (events == NULL)
    return NULL;
  if (n_events != NULL)
    *n_events = events->len;

  for (guint i = 0; i < events->len; i++)
    {
      AplTrailEvent *event = g_ptr_array_index (events, i);
      g_autofree char *computed = NULL;

      if (event->seq > expected)
        return trail_break (plan_uuid, expected,
                            g_strdup_printf (_("event %lld is missing: it was deleted"), (long long) expected));
      if (event->seq < expected)
        return trail_break (plan_uuid, event->seq,
                            g_strdup_printf (_("event %lld appears more than once"), (long long) event->seq));
      if (g_strcmp0 (event->prev_hash, prev) != 0)
        return trail_break (plan_uuid, event->seq,
                            g_strdup_printf (_("event %lld does not follow the event before it: "
                                               "events were removed, added or reordered"), (long long) event->seq));
      computed = apl_trail_event_compute_hash (event);
      if (g_strcmp0 (computed, event->hash) != 0)
        return trail_break (plan_uuid, event->seq,
                            g_strdup_printf (_("event %lld was changed after it was recorded"),
                                             (long long) event->seq));
      prev = event->hash;
      expected++;
    }

  stmt = _apl_store_prepare (self, "SELECT seq, hash FROM approval_chain_heads WHERE plan_uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      head_seq = sqlite3_column_int64 (stmt, 0);
      head_hash = g_strdup (column_text (stmt, 1));
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }

  if (head_hash == NULL && events->len > 0)
    return trail_break (plan_uuid, 1, g_strdup (_("the trail’s head is missing")));
  if (head_seq > expected - 1)
    return trail_break (plan_uuid, expected,
                        g_strdup_printf (_("event %lld is missing: events were cut off the end"),
                                         (long long) expected));
  if (head_seq < expected - 1)
    return trail_break (plan_uuid, head_seq + 1,
                        g_strdup_printf (_("event %lld was added behind the trail’s back"),
                                         (long long) (head_seq + 1)));
  if (head_hash != NULL && g_strcmp0 (head_hash, prev) != 0)
    return trail_break (plan_uuid, head_seq,
                        g_strdup_printf (_("event %lld does not match the trail’s head"), (long long) head_seq));
  return NULL;
}

/**
 * apl_store_verify_trails:
 *
 * Verifies every plan's trail, purged plans' included: each event's hash,
 * its link to the event before it, that none is missing, and that the
 * triggers protecting the trail are in place.
 *
 * Returns: (transfer full) (element-type AplTrailBreak): the first broken
 * link of each broken chain (a missing protection has seq 0 and no plan);
 * empty when everything verifies
 */
GPtrArray *
apl_store_verify_trails (AplStore  *self,
                         GError   **error)
{
  static const char * const triggers[] = {
    "approval_events_no_update", "approval_events_no_delete",
    "approval_chain_heads_forward", "approval_chain_heads_no_delete",
  };
  g_autoptr(GPtrArray) breaks = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_trail_break_free);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    {
      gboolean present;

      stmt = _apl_store_prepare (self, "SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, triggers[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      present = rc == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _apl_store_set_error (self, rc, error);
          return NULL;
        }
      if (!present)
        g_ptr_array_add (breaks, trail_break (NULL, 0,
                                              g_strdup_printf (_("the trail’s protection “%s” was removed"),
                                                               triggers[i])));
    }

  stmt = _apl_store_prepare (self,
                             "SELECT plan_uuid FROM approval_events UNION SELECT plan_uuid FROM approval_chain_heads "
                             "ORDER BY 1",
                             error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (uuids, g_strdup (column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }

  for (guint i = 0; i < uuids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      AplTrailBreak *broken = verify_chain (self, g_ptr_array_index (uuids, i), NULL, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (broken != NULL)
        g_ptr_array_add (breaks, broken);
    }
  return g_steal_pointer (&breaks);
}

void
apl_trail_status_free (AplTrailStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->head_hash);
  g_clear_pointer (&status->broken, apl_trail_break_free);
  g_free (status);
}

/**
 * apl_store_get_trail_status:
 * @plan_uuid: a plan's uuid
 *
 * Verifies one plan's trail, as apl_store_verify_trails() does for all of
 * them: what the plan overview shows (the chain head's hash, how many
 * events, intact or where it breaks).
 *
 * Returns: (transfer full): the trail's status, or %NULL with @error set
 */
AplTrailStatus *
apl_store_get_trail_status (AplStore    *self,
                            const char  *plan_uuid,
                            GError     **error)
{
  g_autoptr(AplTrailStatus) status = g_new0 (AplTrailStatus, 1);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (plan_uuid != NULL, NULL);

  status->broken = verify_chain (self, plan_uuid, &status->n_events, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  status->head_hash = apl_store_get_trail_head (self, plan_uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&status);
}
