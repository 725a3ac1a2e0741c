/* apl-approvals.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of the approval workflow that need no database: status names,
 * the canonical serialisations that are hashed, and the route rules (who
 * may decide now, and when a submission is fully approved).
 *
 * Canonical serialisation. Every hashed value is a sequence of fields, each
 * written as a netstring: the field's length in bytes in ASCII decimal, a
 * colon, the bytes, a comma ("5:hello,"). Lengths make the encoding
 * unambiguous: no two different sequences of fields give the same bytes,
 * so text cannot move from one field to the next ("ab" + "c" is not
 * "a" + "bc"). Strings are hashed exactly as stored (UTF-8, no
 * normalisation, no trimming): one changed character changes the hash.
 * Numbers are written in decimal without leading zeros. Hashes are SHA-256
 * (GChecksum), written as 64 lower-case hexadecimal digits.
 *
 *   text hash  = SHA-256 ("aplomb-approved-text/1", subject, body,
 *                         channel key, language code)
 *   event hash = SHA-256 ("aplomb-trail-event/1", prev_hash, plan_uuid,
 *                         seq, occurred_at, actor, actor_role, kind,
 *                         message_id, message_title, message_version,
 *                         text_hash, detail, comment)
 *
 * The first field names the format and its version, so that a future
 * format can never produce a hash equal to this one's.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-approvals-private.h"
#include "apl-text.h"

#define APPROVALS_KEY "apl-approvals"

struct _AplApprovals
{
  GObject   parent_instance;
  AplStore *store;
};

G_DEFINE_FINAL_TYPE (AplApprovals, apl_approvals, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct { const char *key; const char *name; } statuses[] = {
  { "draft", N_("Draft") },
  { "in-review", N_("In review") },
  { "changes-requested", N_("Changes requested") },
  { "approved", N_("Approved") },
  { "rejected", N_("Rejected") },
  { "retired", N_("Retired") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (statuses) == APL_N_APPROVAL_STATUSES);

static const struct { const char *kind; const char *name; } kinds[] = {
  { "submitted", N_("Submitted for approval") },
  { "step-approved", N_("Step approved") },
  { "approved", N_("Approved") },
  { "changes-requested", N_("Changes requested") },
  { "rejected", N_("Rejected") },
  { "withdrawn", N_("Withdrawn") },
  { "edited-after-approval", N_("Approved text changed") },
  { "edited-in-review", N_("Changed while in review") },
  { "approved-text-restored", N_("Approved text restored") },
  { "retired", N_("Retired") },
  { "unretired", N_("Back in use") },
  { "pre-approved", N_("Marked pre-approved") },
  { "pre-approval-removed", N_("Pre-approval removed") },
};

/* GObject */

static void
apl_approvals_class_init (AplApprovalsClass *klass)
{
  /**
   * AplApprovals::changed:
   * @plan_id: the plan whose approvals changed
   *
   * Something in the plan's approval workflow changed: a route, a status,
   * a decision. Emitted once the change is saved.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
apl_approvals_init (AplApprovals *self)
{
}

/**
 * apl_approvals_get:
 *
 * Returns: (transfer none): the object that announces @store's approval
 * changes, created on first use and kept as long as the store
 */
AplApprovals *
apl_approvals_get (AplStore *store)
{
  AplApprovals *self;

  g_return_val_if_fail (APL_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), APPROVALS_KEY);
  if (self == NULL)
    {
      self = g_object_new (APL_TYPE_APPROVALS, NULL);
      self->store = store;
      g_object_set_data_full (G_OBJECT (store), APPROVALS_KEY, self, g_object_unref);
    }
  return self;
}

void
_apl_approvals_emit_changed (AplStore *store,
                             gint64    plan_id)
{
  AplApprovals *self = g_object_get_data (G_OBJECT (store), APPROVALS_KEY);

  /* Nobody asked: nobody listens. */
  if (self != NULL)
    g_signal_emit (self, signals[CHANGED], 0, plan_id);
}

typedef struct
{
  GWeakRef store;
  gint64   plan_id;
} LaterData;

static void
later_data_free (gpointer data)
{
  LaterData *later = data;

  g_weak_ref_clear (&later->store);
  g_free (later);
}

static gboolean
emit_later_cb (gpointer data)
{
  LaterData *later = data;
  g_autoptr(AplStore) store = g_weak_ref_get (&later->store);

  if (store != NULL)
    _apl_approvals_emit_changed (store, later->plan_id);
  return G_SOURCE_REMOVE;
}

/* From inside another transaction, whose commit we do not see: announce
 * from the main loop, after it. Listeners re-read, so an announcement for
 * a change that was rolled back costs a refresh and nothing else. */
void
_apl_approvals_emit_changed_later (AplStore *store,
                                   gint64    plan_id)
{
  LaterData *later;

  if (g_object_get_data (G_OBJECT (store), APPROVALS_KEY) == NULL)
    return;
  later = g_new0 (LaterData, 1);
  g_weak_ref_init (&later->store, store);
  later->plan_id = plan_id;
  g_idle_add_full (G_PRIORITY_DEFAULT, emit_later_cb, later, later_data_free);
}

/* Names */

const char *
apl_approval_status_get_key (AplApprovalStatus status)
{
  g_return_val_if_fail (status < APL_N_APPROVAL_STATUSES, NULL);
  return statuses[status].key;
}

const char *
apl_approval_status_get_name (AplApprovalStatus status)
{
  g_return_val_if_fail (status < APL_N_APPROVAL_STATUSES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, statuses[status].name);
}

gboolean
apl_approval_status_from_key (const char        *key,
                              AplApprovalStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (key, statuses[i].key) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * apl_trail_kind_get_name:
 *
 * Returns: what an event of this kind means, for people; the kind itself
 * when it is unknown
 */
const char *
apl_trail_kind_get_name (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return g_dgettext (GETTEXT_PACKAGE, kinds[i].name);
  return kind;
}

/**
 * apl_approval_names_equal:
 *
 * Whether two names name the same person, ignoring case, accents and the
 * spaces around them: "lefevre" is "Lefèvre ".
 */
gboolean
apl_approval_names_equal (const char *a,
                          const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  fa = apl_text_fold (a);
  fb = apl_text_fold (b);
  g_strstrip (fa);
  g_strstrip (fb);
  return *fa != '\0' && g_str_equal (fa, fb);
}

/* Hashing */

static void
add_field (GChecksum  *checksum,
           const char *value)
{
  char length[24];
  gsize n = value ? strlen (value) : 0;

  g_snprintf (length, sizeof length, "%" G_GSIZE_FORMAT ":", n);
  g_checksum_update (checksum, (const guchar *) length, -1);
  if (n > 0)
    g_checksum_update (checksum, (const guchar *) value, n);
  g_checksum_update (checksum, (const guchar *) ",", 1);
}

static void
add_number (GChecksum *checksum,
            gint64     value)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  add_field (checksum, text);
}

/**
 * apl_approval_hash_text:
 *
 * The SHA-256 of a message's exact text, as approvals bind to it (see the
 * serialisation at the top of this file).
 *
 * Returns: (transfer full): 64 lower-case hexadecimal digits
 */
char *
apl_approval_hash_text (const char *subject,
                        const char *body,
                        const char *channel,
                        const char *language)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  add_field (checksum, "aplomb-approved-text/1");
  add_field (checksum, subject);
  add_field (checksum, body);
  add_field (checksum, channel);
  add_field (checksum, language);
  return g_strdup (g_checksum_get_string (checksum));
}

char *
apl_approval_hash_message (AplMessage *message)
{
  g_return_val_if_fail (APL_IS_MESSAGE (message), NULL);

  return apl_approval_hash_text (apl_message_get_subject (message),
                                 apl_message_get_body (message),
                                 apl_message_get_field (message, APL_MESSAGE_FIELD_CHANNEL),
                                 apl_message_get_language (message));
}

/**
 * apl_trail_event_compute_hash:
 *
 * The hash @event should carry: over its previous hash and its fields (see
 * the serialisation at the top of this file). @event's own hash is not
 * read.
 *
 * Returns: (transfer full): 64 lower-case hexadecimal digits
 */
char *
apl_trail_event_compute_hash (const AplTrailEvent *event)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  add_field (checksum, "aplomb-trail-event/1");
  add_field (checksum, event->prev_hash);
  add_field (checksum, event->plan_uuid);
  add_number (checksum, event->seq);
  add_field (checksum, event->occurred_at);
  add_field (checksum, event->actor);
  add_field (checksum, event->actor_role);
  add_field (checksum, event->kind);
  add_number (checksum, event->message_id);
  add_field (checksum, event->message_title);
  add_number (checksum, event->message_version);
  add_field (checksum, event->text_hash);
  add_field (checksum, event->detail);
  add_field (checksum, event->comment);
  return g_strdup (g_checksum_get_string (checksum));
}

/* Boxed data */

static void
approver_free (gpointer data)
{
  AplApprover *approver = data;

  g_free (approver->name);
  g_free (approver->deputy);
  g_free (approver);
}

AplApprovalStep *
apl_approval_step_new (const char    *role,
                       AplStepRule    rule,
                       AplStepTiming  timing,
                       guint          target_minutes)
{
  AplApprovalStep *step = g_new0 (AplApprovalStep, 1);

  step->role = g_strdup (role ? role : "");
  step->rule = rule;
  step->timing = timing;
  step->target_minutes = target_minutes;
  step->approvers = g_ptr_array_new_with_free_func (approver_free);
  return step;
}

void
apl_approval_step_add_approver (AplApprovalStep *step,
                                const char      *name,
                                const char      *deputy)
{
  AplApprover *approver = g_new0 (AplApprover, 1);

  approver->name = g_strdup (name ? name : "");
  approver->deputy = g_strdup (deputy ? deputy : "");
  g_ptr_array_add (step->approvers, approver);
}

AplApprovalStep *
apl_approval_step_copy (const AplApprovalStep *step)
{
  AplApprovalStep *copy = apl_approval_step_new (step->role, step->rule, step->timing, step->target_minutes);

  copy->id = step->id;
  for (guint i = 0; i < step->approvers->len; i++)
    {
      AplApprover *approver = g_ptr_array_index (step->approvers, i);

      apl_approval_step_add_approver (copy, approver->name, approver->deputy);
    }
  return copy;
}

void
apl_approval_step_free (AplApprovalStep *step)
{
  if (step == NULL)
    return;
  g_free (step->role);
  g_ptr_array_unref (step->approvers);
  g_free (step);
}

void
apl_approval_state_free (AplApprovalState *state)
{
  if (state == NULL)
    return;
  g_free (state->title);
  g_free (state->current_hash);
  g_free (state->approved_hash);
  g_free (state->approved_at);
  for (guint i = 0; i < G_N_ELEMENTS (state->approved_fields); i++)
    g_free (state->approved_fields[i]);
  g_free (state->submitter);
  g_free (state->submitted_at);
  g_clear_pointer (&state->waiting_for, g_ptr_array_unref);
  g_free (state->current_role);
  g_free (state->due_at);
  g_free (state->last_comment);
  g_free (state->last_decider);
  g_free (state);
}

/**
 * apl_approval_state_waits_for:
 *
 * Whether @name may decide on the message now (as an approver or a deputy
 * of the current step). Never true for the submitter.
 */
gboolean
apl_approval_state_waits_for (const AplApprovalState *state,
                              const char             *name)
{
  if (state->status != APL_APPROVAL_IN_REVIEW || state->waiting_for == NULL
      || apl_approval_names_equal (state->submitter, name))
    return FALSE;
  for (guint i = 0; i < state->waiting_for->len; i++)
    if (apl_approval_names_equal (g_ptr_array_index (state->waiting_for, i), name))
      return TRUE;
  return FALSE;
}

void
apl_trail_event_free (AplTrailEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->plan_uuid);
  g_free (event->occurred_at);
  g_free (event->actor);
  g_free (event->actor_role);
  g_free (event->kind);
  g_free (event->message_title);
  g_free (event->text_hash);
  g_free (event->detail);
  g_free (event->comment);
  g_free (event->prev_hash);
  g_free (event->hash);
  g_free (event);
}

void
apl_trail_break_free (AplTrailBreak *broken)
{
  if (broken == NULL)
    return;
  g_free (broken->plan_uuid);
  g_free (broken->description);
  g_free (broken);
}

/* Route rules */

static gboolean
approver_done (AplApprovalStep *step,
               AplApprover     *approver,
               GArray          *approvals)
{
  for (guint i = 0; i < approvals->len; i++)
    {
      AplStepApproval *a = &g_array_index (approvals, AplStepApproval, i);

      if (a->step_id == step->id && apl_approval_names_equal (a->acting_for, approver->name))
        return TRUE;
    }
  return FALSE;
}

static gboolean
step_done (AplApprovalStep *step,
           GArray          *approvals)
{
  if (step->rule == APL_STEP_ONE_OF)
    {
      for (guint i = 0; i < approvals->len; i++)
        if (g_array_index (approvals, AplStepApproval, i).step_id == step->id)
          return TRUE;
      return FALSE;
    }
  for (guint i = 0; i < step->approvers->len; i++)
    if (!approver_done (step, g_ptr_array_index (step->approvers, i), approvals))
      return FALSE;
  return TRUE;
}

/* Stage boundaries: [start, end) of the first stage with a pending step. */
static gboolean
find_active_stage (GPtrArray *steps,
                   GArray    *approvals,
                   guint     *start,
                   guint     *end)
{
  guint i = 0;

  while (i < steps->len)
    {
      guint j = i + 1;
      gboolean pending = FALSE;

      while (j < steps->len
             && ((AplApprovalStep *) g_ptr_array_index (steps, j))->timing == APL_STEP_WITH_PREVIOUS)
        j++;
      for (guint k = i; k < j; k++)
        pending |= !step_done (g_ptr_array_index (steps, k), approvals);
      if (pending)
        {
          *start = i;
          *end = j;
          return TRUE;
        }
      i = j;
    }
  return FALSE;
}

static void
add_name (GPtrArray  *names,
          const char *name)
{
  if (name == NULL || *name == '\0')
    return;
  for (guint i = 0; i < names->len; i++)
    if (apl_approval_names_equal (g_ptr_array_index (names, i), name))
      return;
  g_ptr_array_add (names, g_strdup (name));
}

/**
 * _apl_route_progress:
 * @steps: (element-type AplApprovalStep): the route, in order
 * @approvals: (element-type AplStepApproval): approvals given so far
 *
 * Where a submission stands on its route. Steps are grouped in stages
 * (a step "with previous" joins the stage of the step before it); a stage
 * starts once every step of the stages before it has approved.
 */
void
_apl_route_progress (GPtrArray        *steps,
                     GArray           *approvals,
                     const char       *submitted_at,
                     AplRouteProgress *progress)
{
  guint start = 0, end = 0;
  const char *started = submitted_at;

  memset (progress, 0, sizeof *progress);
  progress->waiting_for = g_ptr_array_new_with_free_func (g_free);

  if (!find_active_stage (steps, approvals, &start, &end))
    {
      progress->complete = TRUE;
      return;
    }

  /* The stage began with the last approval of the stages before it. */
  for (guint i = 0; i < approvals->len; i++)
    {
      AplStepApproval *a = &g_array_index (approvals, AplStepApproval, i);

      for (guint k = 0; k < start; k++)
        if (((AplApprovalStep *) g_ptr_array_index (steps, k))->id == a->step_id
            && g_strcmp0 (a->decided_at, started) > 0)
          started = a->decided_at;
    }
  progress->stage_started_at = g_strdup (started);

  for (guint k = start; k < end; k++)
    {
      AplApprovalStep *step = g_ptr_array_index (steps, k);

      if (step_done (step, approvals))
        continue;
      if (progress->current_role == NULL)
        progress->current_role = g_strdup (step->role);
      if (step->target_minutes > 0
          && (progress->target_minutes == 0 || step->target_minutes < progress->target_minutes))
        progress->target_minutes = step->target_minutes;
      for (guint a = 0; a < step->approvers->len; a++)
        {
          AplApprover *approver = g_ptr_array_index (step->approvers, a);

          if (step->rule == APL_STEP_ALL_OF && approver_done (step, approver, approvals))
            continue;
          add_name (progress->waiting_for, approver->name);
          add_name (progress->waiting_for, approver->deputy);
        }
    }
}

void
_apl_route_progress_clear (AplRouteProgress *progress)
{
  g_clear_pointer (&progress->waiting_for, g_ptr_array_unref);
  g_clear_pointer (&progress->current_role, g_free);
  g_clear_pointer (&progress->stage_started_at, g_free);
}

/**
 * _apl_route_find_slot:
 * @acting_for: (out): the approver @actor decides for (themselves, or the
 *   approver they are deputy of)
 *
 * Returns: (transfer none) (nullable): the first pending step of the
 * current stage that @actor may decide on
 */
AplApprovalStep *
_apl_route_find_slot (GPtrArray   *steps,
                      GArray      *approvals,
                      const char  *actor,
                      const char **acting_for)
{
  guint start = 0, end = 0;

  if (!find_active_stage (steps, approvals, &start, &end))
    return NULL;

  /* In person first, then as a deputy. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint k = start; k < end; k++)
      {
        AplApprovalStep *step = g_ptr_array_index (steps, k);

        if (step_done (step, approvals))
          continue;
        for (guint a = 0; a < step->approvers->len; a++)
          {
            AplApprover *approver = g_ptr_array_index (step->approvers, a);

            if (step->rule == APL_STEP_ALL_OF && approver_done (step, approver, approvals))
              continue;
            if (apl_approval_names_equal (pass == 0 ? approver->name : approver->deputy, actor))
              {
                *acting_for = approver->name;
                return step;
              }
          }
      }
  return NULL;
}
