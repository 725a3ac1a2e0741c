/* apl-approval-bar.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The approval strip at the top of the message editor: the message's
 * approval status, Submit for Approval and Withdraw, the last approver's
 * comment, and — the moment approved text is edited — “Approved text
 * changed: needs approval again” with the changes against the approved
 * version.
 *
 * It reads the state again whenever the message or the plan's approvals
 * change, so that an edit shows its effect at once.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-approval-bar.h"
#include "apl-diff.h"

struct _AplApprovalBar
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkBox           *root_box;
  GtkLabel         *status_label;
  GtkLabel         *detail_label;
  GtkButton        *submit_button;
  GtkButton        *withdraw_button;
  GtkBox           *changed_box;
  GtkLabel         *changed_label;
  GtkExpander      *changes_expander;
  GtkTextView      *changes_view;
  GtkLabel         *comment_label;

  AplStore         *store;
  AplMessage       *message;
  AplApprovalState *state;
  GSettings        *settings;
};

G_DEFINE_FINAL_TYPE (AplApprovalBar, apl_approval_bar, GTK_TYPE_WIDGET)

enum {
  SUBMITTING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const status_classes[] = { "success", "warning", "error", "dim-label" };

/* Helpers */

/* Who is at the keyboard: the name and role from Preferences; until a name
 * is set there, the account's. */
static void
read_identity (AplApprovalBar  *self,
               char           **name,
               char           **role)
{
  g_autofree char *n = self->settings ? g_strstrip (g_settings_get_string (self->settings, "user-name")) : NULL;

  if (n == NULL || *n == '\0')
    {
      const char *real = g_get_real_name ();

      g_free (n);
      n = g_strdup (real != NULL && g_strcmp0 (real, "Unknown") != 0 ? real : g_get_user_name ());
    }
  *name = g_steal_pointer (&n);
  *role = self->settings ? g_strstrip (g_settings_get_string (self->settings, "user-role")) : g_strdup ("");
}

static void
toast (AplApprovalBar *self,
       const char     *text,
       gboolean        is_error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t = adw_toast_new (text);

  if (is_error)
    {
      adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (t, 0);
    }
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
  else
    g_object_unref (g_object_ref_sink (t));
}

static char *
format_time (const char *iso8601)
{
  g_autoptr(GDateTime) utc = iso8601 ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static char *
join_names (GPtrArray *names)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (names, i));
  return g_string_free (text, FALSE);
}

static void
show_changes (AplApprovalBar *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->changes_view);
  AplApprovalState *state = self->state;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autoptr(GArray) chunks = NULL;
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_end_iter (buffer, &end);

  /* Channel and language are part of the approved text too. */
  if (g_strcmp0 (state->approved_fields[2], apl_message_get_field (self->message, APL_MESSAGE_FIELD_CHANNEL)) != 0)
    {
      AplChannel channel;
      g_autofree char *line = NULL;

      line = g_strdup_printf (_("Channel: %s → %s\n"),
                              apl_channel_from_key (state->approved_fields[2], &channel)
                                ? apl_channel_get_name (channel) : state->approved_fields[2],
                              apl_channel_get_name (apl_message_get_channel (self->message)));
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, line, -1, "inserted", NULL);
    }
  if (g_strcmp0 (state->approved_fields[3], apl_message_get_language (self->message)) != 0)
    {
      g_autofree char *line = g_strdup_printf (_("Language: %s → %s\n"), state->approved_fields[3],
                                               apl_message_get_language (self->message));

      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, line, -1, "inserted", NULL);
    }

  /* The subject above the body, when either version has one. */
  if (*state->approved_fields[0] != '\0' || *apl_message_get_subject (self->message) != '\0')
    {
      old_text = g_strconcat (state->approved_fields[0], "\n\n", state->approved_fields[1], NULL);
      new_text = g_strconcat (apl_message_get_subject (self->message), "\n\n",
                              apl_message_get_body (self->message), NULL);
    }
  else
    {
      old_text = g_strdup (state->approved_fields[1]);
      new_text = g_strdup (apl_message_get_body (self->message));
    }
  chunks = apl_diff_words (old_text, new_text);
  for (guint i = 0; i < chunks->len; i++)
    {
      AplDiffChunk *chunk = &g_array_index (chunks, AplDiffChunk, i);

      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, chunk->text, -1,
                                                chunk->op == APL_DIFF_INSERTED ? "inserted"
                                                : chunk->op == APL_DIFF_DELETED ? "deleted" : NULL,
                                                NULL);
    }
}

static void
set_status_class (AplApprovalBar *self,
                  const char     *class_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), class_name);
}

static void
refresh (AplApprovalBar *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *comment = NULL;
  AplApprovalState *state;
  gboolean changed;

  g_clear_pointer (&self->state, apl_approval_state_free);
  if (self->store != NULL && self->message != NULL)
    self->state = apl_store_get_approval_state (self->store, self->message, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->root_box), self->state != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approval.submit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approval.withdraw", FALSE);
  if (self->state == NULL)
    return;
  state = self->state;

  changed = state->approved_hash != NULL && !state->covered;
  status = state->pre_approved
           /* Translators: a status, then the pre-approved mark */
           ? g_strdup_printf (_("%s · Pre-approved"), apl_approval_status_get_name (state->status))
           : g_strdup (apl_approval_status_get_name (state->status));
  gtk_label_set_label (self->status_label, status);
  set_status_class (self, state->status == APL_APPROVAL_APPROVED && state->covered ? "success"
                          : state->status == APL_APPROVAL_REJECTED ? "error"
                          : state->status == APL_APPROVAL_IN_REVIEW || state->status == APL_APPROVAL_CHANGES_REQUESTED
                            || changed ? "warning" : "dim-label");

  switch (state->status)
    {
    case APL_APPROVAL_IN_REVIEW:
      {
        g_autofree char *names = join_names (state->waiting_for);
        g_autofree char *due = format_time (state->due_at);

        detail = state->due_at != NULL
          /* Translators: a step's role, who may decide, when the step's target time runs out */
          ? g_strdup_printf (_("Waiting for %s: %s · target %s"), state->current_role, names, due)
          /* Translators: a step's role, who may decide */
          : g_strdup_printf (_("Waiting for %s: %s"), state->current_role, names);
      }
      break;
    case APL_APPROVAL_APPROVED:
      {
        g_autofree char *when = format_time (state->approved_at);

        detail = g_strdup_printf (_("Approved on %s"), when);
      }
      break;
    case APL_APPROVAL_CHANGES_REQUESTED:
      detail = g_strdup_printf (_("%s asked for changes"), state->last_decider ? state->last_decider : "");
      break;
    case APL_APPROVAL_REJECTED:
      detail = g_strdup_printf (_("Rejected by %s"), state->last_decider ? state->last_decider : "");
      break;
    case APL_APPROVAL_DRAFT:
    case APL_APPROVAL_RETIRED:
    case APL_N_APPROVAL_STATUSES:
    default:
      detail = g_strdup ("");
      break;
    }
  gtk_label_set_label (self->detail_label, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_label), detail);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approval.submit",
                                 state->status == APL_APPROVAL_DRAFT
                                 || state->status == APL_APPROVAL_CHANGES_REQUESTED
                                 || state->status == APL_APPROVAL_REJECTED
                                 || (state->status == APL_APPROVAL_APPROVED && !state->covered));
  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), state->status != APL_APPROVAL_IN_REVIEW
                                                            && !(state->status == APL_APPROVAL_APPROVED && state->covered)
                                                            && state->status != APL_APPROVAL_RETIRED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approval.withdraw", state->status == APL_APPROVAL_IN_REVIEW);
  gtk_widget_set_visible (GTK_WIDGET (self->withdraw_button), state->status == APL_APPROVAL_IN_REVIEW);

  gtk_widget_set_visible (GTK_WIDGET (self->changed_box), changed);
  if (changed)
    {
      gtk_label_set_label (self->changed_label,
                           state->status == APL_APPROVAL_IN_REVIEW
                           ? _("Approved text changed: the new text is in review")
                           : _("Approved text changed: needs approval again"));
      show_changes (self);
    }

  if ((state->status == APL_APPROVAL_CHANGES_REQUESTED || state->status == APL_APPROVAL_REJECTED)
      && state->last_comment != NULL && *state->last_comment != '\0')
    /* Translators: who decided, and their comment */
    comment = g_strdup_printf (_("%s: “%s”"), state->last_decider, state->last_comment);
  gtk_label_set_label (self->comment_label, comment ? comment : "");
  gtk_widget_set_visible (GTK_WIDGET (self->comment_label), comment != NULL);
}

/* Callbacks */

static void
message_notify_cb (AplApprovalBar *self)
{
  refresh (self);
}

static void
approvals_changed_cb (AplApprovalBar *self,
                      gint64          plan_id,
                      AplApprovals   *approvals)
{
  if (self->message != NULL && apl_message_get_plan_id (self->message) == plan_id)
    refresh (self);
}

/* Actions */

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplApprovalBar *self = APL_APPROVAL_BAR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;

  if (self->message == NULL)
    return;
  /* What is typed but not saved yet is part of what is submitted. */
  g_signal_emit (self, signals[SUBMITTING], 0);
  read_identity (self, &name, &role);
  if (!apl_store_submit_for_approval (self->store, self->message, name, role, &error))
    {
      toast (self, error->message, TRUE);
      return;
    }
  toast (self, _("Submitted for approval"), FALSE);
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AplApprovalBar *self = APL_APPROVAL_BAR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;

  if (self->message == NULL)
    return;
  read_identity (self, &name, &role);
  if (!apl_store_withdraw_submission (self->store, self->message, name, role, &error))
    {
      toast (self, error->message, TRUE);
      return;
    }
  toast (self, _("Withdrawn from review"), FALSE);
}

/* GObject */

static void
apl_approval_bar_dispose (GObject *object)
{
  AplApprovalBar *self = APL_APPROVAL_BAR (object);

  apl_approval_bar_set_message (self, NULL);
  apl_approval_bar_set_store (self, NULL);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_APPROVAL_BAR);

  G_OBJECT_CLASS (apl_approval_bar_parent_class)->dispose (object);
}

static void
apl_approval_bar_finalize (GObject *object)
{
  AplApprovalBar *self = APL_APPROVAL_BAR (object);

  g_clear_pointer (&self->state, apl_approval_state_free);

  G_OBJECT_CLASS (apl_approval_bar_parent_class)->finalize (object);
}

static void
apl_approval_bar_class_init (AplApprovalBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_approval_bar_dispose;
  object_class->finalize = apl_approval_bar_finalize;

  /**
   * AplApprovalBar::submitting:
   *
   * The message is about to be submitted: whatever is typed must be saved
   * now, since the submission covers the saved text.
   */
  signals[SUBMITTING] = g_signal_new ("submitting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-approval-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AplApprovalBar, root_box);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalBar, status_label);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalBar, detail_label);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalBar, submit_button);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalBar, withdraw_button);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalBar, changed_box);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalBar, changed_label);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalBar, changes_expander);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalBar, changes_view);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalBar, comment_label);

  gtk_widget_class_install_action (widget_class, "approval.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "approval.withdraw", NULL, withdraw_action);
}

static void
apl_approval_bar_init (AplApprovalBar *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Without colour too: inserted words underlined and bold, deleted ones
   * struck through. */
  buffer = gtk_text_view_get_buffer (self->changes_view);
  gtk_text_buffer_create_tag (buffer, "inserted", "underline", PANGO_UNDERLINE_SINGLE, "weight", 700, NULL);
  gtk_text_buffer_create_tag (buffer, "deleted", "strikethrough", TRUE, NULL);

  schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);

  gtk_widget_set_visible (GTK_WIDGET (self->root_box), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approval.submit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approval.withdraw", FALSE);
}

/* Public API */

void
apl_approval_bar_set_store (AplApprovalBar *self,
                            AplStore       *store)
{
  g_return_if_fail (APL_IS_APPROVAL_BAR (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (apl_approvals_get (self->store), approvals_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (apl_approvals_get (store), "changed", G_CALLBACK (approvals_changed_cb), self,
                             G_CONNECT_SWAPPED);
  refresh (self);
}

void
apl_approval_bar_set_message (AplApprovalBar *self,
                              AplMessage     *message)
{
  g_return_if_fail (APL_IS_APPROVAL_BAR (self));

  if (self->message == message)
    return;
  if (self->message != NULL)
    g_signal_handlers_disconnect_by_func (self->message, message_notify_cb, self);
  g_set_object (&self->message, message);
  if (message != NULL)
    g_signal_connect_object (message, "notify", G_CALLBACK (message_notify_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
}

AplApprovalStatus
apl_approval_bar_get_status (AplApprovalBar *self)
{
  g_return_val_if_fail (APL_IS_APPROVAL_BAR (self), APL_APPROVAL_DRAFT);
  return self->state ? self->state->status : APL_APPROVAL_DRAFT;
}

/**
 * apl_approval_bar_get_text_changed:
 *
 * Whether the bar shows “Approved text changed”.
 */
gboolean
apl_approval_bar_get_text_changed (AplApprovalBar *self)
{
  g_return_val_if_fail (APL_IS_APPROVAL_BAR (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->changed_box));
}
