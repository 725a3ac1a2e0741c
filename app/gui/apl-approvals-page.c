/* apl-approvals-page.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The “Approvals” page of a plan: what waits for my decision, what came
 * back to me, what I submitted, the plan's approval route, and its trail.
 * The page's badge in the view switcher counts what needs me: decisions
 * to make and submissions that came back.
 *
 * “Me” is the name and role in Preferences. Aplomb is a single-user desktop
 * app and says so here: it records names, it cannot prove them.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-approvals-page.h"
#include "apl-page-feedback.h"

struct _AplApprovalsPage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkLabel          *identity_label;
  GtkListBox        *waiting_list;
  GtkListBox        *returned_list;
  GtkListBox        *submitted_list;
  GtkListBox        *status_list;
  GtkLabel          *route_error_label;
  GtkListBox        *route_list;
  AdwPreferencesGroup *trail_group;
  GtkListBox        *trail_list;

  AplStore          *store;
  AplPlan           *plan;
  GListModel        *messages;
  GSettings         *settings;
  /* The route as edited here; saved whenever it is valid. */
  GPtrArray         *route;
  int                expanded_step;
  guint              badge_count;
  guint              rebuild_source;
};

G_DEFINE_FINAL_TYPE (AplApprovalsPage, apl_approvals_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define STEP_KEY "apl-step-index"
#define APPROVER_KEY "apl-approver-index"

static void refresh (AplApprovalsPage *self);
static void rebuild_route (AplApprovalsPage *self);

/* Helpers */

static void
read_identity (AplApprovalsPage  *self,
               char             **name,
               char             **role)
{
  g_autofree char *n = self->settings ? g_strstrip (g_settings_get_string (self->settings, "user-name")) : NULL;

  /* Until the user gives their name in Preferences, their account's. */
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
toast (AplApprovalsPage *self,
       AdwToast         *t)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
  else
    g_object_unref (g_object_ref_sink (t));
}

static void
show_error (AplApprovalsPage *self,
            const char       *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (t, 0);
  toast (self, t);
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

static GtkWidget *
placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Titles are the user's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  return row;
}

static GtkWidget *
action_button (const char *label,
               const char *tooltip,
               const char *action,
               gint64      message_id,
               const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (message_id));
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return button;
}

static char *
join_names (GPtrArray *names)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (names, i));
  return g_string_free (text, FALSE);
}

static char *
waiting_subtitle (AplApprovalState *state)
{
  g_autofree char *names = join_names (state->waiting_for);
  g_autofree char *submitted = format_time (state->submitted_at);
  g_autofree char *due = format_time (state->due_at);

  if (state->due_at != NULL)
    /* Translators: step role, who may decide, who submitted, when, target time */
    return g_strdup_printf (_("%s: %s · submitted by %s, %s · target %s"), state->current_role, names,
                            state->submitter, submitted, due);
  /* Translators: step role, who may decide, who submitted, when */
  return g_strdup_printf (_("%s: %s · submitted by %s, %s"), state->current_role, names, state->submitter,
                          submitted);
}

static char *
status_text (AplApprovalState *state)
{
  GString *text = g_string_new (apl_approval_status_get_name (state->status));

  if (state->approved_hash != NULL && !state->covered)
    g_string_append (text, _(" · approved text changed: needs approval again"));
  else if (state->status == APL_APPROVAL_APPROVED)
    g_string_append (text, _(" · covers the current text"));
  if (state->pre_approved)
    g_string_append (text, _(" · pre-approved"));
  return g_string_free (text, FALSE);
}

/* The page's badge in the window's view switcher. */
static void
update_badge (AplApprovalsPage *self)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK);
  AdwViewStackPage *page;

  if (stack == NULL)
    return;
  page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), GTK_WIDGET (self));
  if (page == NULL)
    return;
  adw_view_stack_page_set_badge_number (page, self->badge_count);
  adw_view_stack_page_set_needs_attention (page, self->badge_count > 0);
}

static void
update_identity (AplApprovalsPage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *text = NULL;

  read_identity (self, &name, &role);
  text = *role != '\0'
    /* Translators: the user's name and role from Preferences */
    ? g_strdup_printf (_("You decide here as %s (%s), the name and role set in Preferences. Aplomb is a "
                         "single-user desktop app: it records who approved, but anyone using this computer "
                         "acts under that name. Approvers on their own computers will come later."), name, role)
    : g_strdup_printf (_("You decide here as %s, the name set in Preferences. Aplomb is a single-user desktop "
                         "app: it records who approved, but anyone using this computer acts under that name. "
                         "Approvers on their own computers will come later."), name);
  gtk_label_set_label (self->identity_label, text);
}

/* Lists */

static void
fill_lists (AplApprovalsPage *self)
{
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  guint n_waiting = 0, n_returned = 0, n_submitted = 0;

  apl_page_clear_list (self->waiting_list);
  apl_page_clear_list (self->returned_list);
  apl_page_clear_list (self->submitted_list);
  apl_page_clear_list (self->status_list);
  self->badge_count = 0;

  if (self->store == NULL || self->plan == NULL)
    return;

  read_identity (self, &name, &role);
  states = apl_store_list_approval_states (self->store, self->plan, &error);
  if (states == NULL)
    {
      show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < states->len; i++)
    {
      AplApprovalState *state = g_ptr_array_index (states, i);
      gboolean mine = apl_approval_names_equal (state->submitter, name);
      GtkWidget *row;

      row = new_row (state->title, NULL);
      {
        g_autofree char *status = status_text (state);

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), status);
      }
      gtk_list_box_append (self->status_list, row);

      if (apl_approval_state_waits_for (state, name))
        {
          g_autofree char *subtitle = waiting_subtitle (state);

          row = new_row (state->title, subtitle);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     action_button (_("_Approve…"), _("Read the exact text and approve it"),
                                                    "approvals.approve", state->message_id, "suggested-action"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     action_button (_("Request _Changes…"), _("Say what must change before you approve"),
                                                    "approvals.request-changes", state->message_id, NULL));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     action_button (_("_Reject…"), _("Refuse this message"),
                                                    "approvals.reject", state->message_id, "destructive-action"));
          gtk_list_box_append (self->waiting_list, row);
          n_waiting++;
        }
      if (mine && state->status == APL_APPROVAL_IN_REVIEW)
        {
          g_autofree char *subtitle = waiting_subtitle (state);

          row = new_row (state->title, subtitle);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     action_button (_("_Withdraw"), _("Take this message out of review, back to draft"),
                                                    "approvals.withdraw", state->message_id, NULL));
          gtk_list_box_append (self->submitted_list, row);
          n_submitted++;
        }
      if (mine && (state->status == APL_APPROVAL_CHANGES_REQUESTED || state->status == APL_APPROVAL_REJECTED))
        {
          g_autofree char *subtitle = NULL;

          subtitle = state->last_comment && *state->last_comment
            /* Translators: a status, who decided, their comment */
            ? g_strdup_printf (_("%s by %s: “%s”"), apl_approval_status_get_name (state->status),
                               state->last_decider, state->last_comment)
            /* Translators: a status, who decided */
            : g_strdup_printf (_("%s by %s"), apl_approval_status_get_name (state->status), state->last_decider);
          row = new_row (state->title, subtitle);
          gtk_widget_add_css_class (row, state->status == APL_APPROVAL_REJECTED ? "error" : "warning");
          gtk_list_box_append (self->returned_list, row);
          n_returned++;
        }
    }

  self->badge_count = n_waiting + n_returned;
}

static void
fill_trail (AplApprovalsPage *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) breaks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const char *uuid;
  AplTrailBreak *broken = NULL;

  apl_page_clear_list (self->trail_list);
  if (self->store == NULL || self->plan == NULL)
    return;

  uuid = apl_plan_get_uuid (self->plan);
  events = apl_store_get_trail (self->store, uuid, &error);
  if (events != NULL)
    breaks = apl_store_verify_trails (self->store, &error);
  if (breaks == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < breaks->len && broken == NULL; i++)
    {
      AplTrailBreak *b = g_ptr_array_index (breaks, i);

      if (b->plan_uuid == NULL || g_str_equal (b->plan_uuid, uuid))
        broken = b;
    }

  if (broken != NULL)
    /* Translators: what is wrong with the trail */
    description = g_strdup_printf (_("The trail does not verify: %s. Someone changed the workspace file outside "
                                     "Aplomb."), broken->description);
  else if (events->len > 0)
    {
      AplTrailEvent *last = g_ptr_array_index (events, events->len - 1);

      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u event, hash chain intact · head %.12s",
                                                  "%u events, hash chain intact · head %.12s",
                                                  events->len),
                                     events->len, last->hash);
    }
  else
    description = g_strdup (_("Every submission, decision and change of approved text will be recorded here, "
                              "each event sealed with the hash of the one before."));
  adw_preferences_group_set_description (self->trail_group, description);
  if (broken != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->trail_group), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->trail_group), "error");

  /* Newest first; the last fifty are enough to read, the CLI has all. */
  for (guint i = events->len; i > 0 && events->len - i < 50; i--)
    {
      AplTrailEvent *event = g_ptr_array_index (events, i - 1);
      g_autofree char *title = NULL;
      g_autofree char *when = format_time (event->occurred_at);
      g_autofree char *who = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Translators: what happened, to which message */
      title = g_strdup_printf (_("%s — %s"), apl_trail_kind_get_name (event->kind), event->message_title);
      who = *event->actor_role != '\0'
        ? g_strdup_printf ("%s (%s)", event->actor, event->actor_role)
        : g_strdup (event->actor);
      subtitle = *event->comment != '\0'
        ? g_strdup_printf ("#%" G_GINT64_FORMAT " · %s · %s · “%s” · %.12s", event->seq, who, when, event->comment,
                           event->hash)
        : g_strdup_printf ("#%" G_GINT64_FORMAT " · %s · %s · %.12s", event->seq, who, when, event->hash);
      row = new_row (title, subtitle);
      gtk_list_box_append (self->trail_list, row);
    }
}

static void
refresh (AplApprovalsPage *self)
{
  update_identity (self);
  fill_lists (self);
  fill_trail (self);
  update_badge (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approvals.add-step", self->plan != NULL);
}

/* Route editor */

static void
load_route (AplApprovalsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->route, g_ptr_array_unref);
  if (self->store != NULL && self->plan != NULL)
    self->route = apl_store_get_approval_route (self->store, self->plan, &error);
  if (self->route == NULL)
    self->route = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  if (error != NULL)
    show_error (self, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->route_error_label), FALSE);
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  AplApprovalsPage *self = data;

  self->rebuild_source = 0;
  rebuild_route (self);
  return G_SOURCE_REMOVE;
}

/* Rows cannot be rebuilt from inside their own signals. */
static void
rebuild_later (AplApprovalsPage *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_idle_cb, self);
}

/* Saves the route as edited; an invalid route stays on screen, with the
 * reason, until it is complete. Returns whether it was saved. */
static gboolean
save_route (AplApprovalsPage *self,
            GtkWidget        *field)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->plan == NULL)
    return FALSE;
  if (!apl_store_set_approval_route (self->store, self->plan, self->route, &error))
    {
      gtk_label_set_label (self->route_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->route_error_label), TRUE);
      if (field != NULL)
        {
          gtk_widget_add_css_class (field, "error");
          gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          error->message, -1);
        }
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->route_error_label), FALSE);
  if (field != NULL)
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  return TRUE;
}

static AplApprovalStep *
widget_step (AplApprovalsPage *self,
             gpointer          widget,
             guint            *index)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), STEP_KEY));

  if (i >= self->route->len)
    return NULL;
  if (index != NULL)
    *index = i;
  return g_ptr_array_index (self->route, i);
}

static void
role_applied_cb (AdwEntryRow      *row,
                 AplApprovalsPage *self)
{
  AplApprovalStep *step = widget_step (self, row, NULL);

  if (step == NULL)
    return;
  g_free (step->role);
  step->role = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  if (save_route (self, GTK_WIDGET (row)))
    rebuild_later (self);
}

static void
approver_applied_cb (AdwEntryRow      *row,
                     AplApprovalsPage *self)
{
  AplApprovalStep *step = widget_step (self, row, NULL);
  guint a = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), APPROVER_KEY));
  gboolean deputy = g_object_get_data (G_OBJECT (row), "apl-deputy") != NULL;
  AplApprover *approver;

  if (step == NULL || a >= step->approvers->len)
    return;
  approver = g_ptr_array_index (step->approvers, a);
  if (deputy)
    {
      g_free (approver->deputy);
      approver->deputy = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
    }
  else
    {
      g_free (approver->name);
      approver->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
    }
  if (save_route (self, GTK_WIDGET (row)))
    rebuild_later (self);
}

static void
rule_changed_cb (AdwComboRow      *row,
                 GParamSpec       *pspec,
                 AplApprovalsPage *self)
{
  AplApprovalStep *step = widget_step (self, row, NULL);
  AplStepRule rule = adw_combo_row_get_selected (row) == 1 ? APL_STEP_ALL_OF : APL_STEP_ONE_OF;

  if (step == NULL || step->rule == rule)
    return;
  step->rule = rule;
  if (save_route (self, GTK_WIDGET (row)))
    rebuild_later (self);
}

static void
timing_changed_cb (AdwComboRow      *row,
                   GParamSpec       *pspec,
                   AplApprovalsPage *self)
{
  AplApprovalStep *step = widget_step (self, row, NULL);
  AplStepTiming timing = adw_combo_row_get_selected (row) == 1 ? APL_STEP_WITH_PREVIOUS : APL_STEP_AFTER_PREVIOUS;

  if (step == NULL || step->timing == timing)
    return;
  step->timing = timing;
  if (save_route (self, GTK_WIDGET (row)))
    rebuild_later (self);
}

static void
target_changed_cb (GtkSpinButton    *spin,
                   AplApprovalsPage *self)
{
  AplApprovalStep *step = widget_step (self, spin, NULL);
  guint minutes = (guint) gtk_spin_button_get_value_as_int (spin);

  if (step == NULL || step->target_minutes == minutes)
    return;
  step->target_minutes = minutes;
  save_route (self, GTK_WIDGET (spin));
}

static void
expanded_cb (AdwExpanderRow   *row,
             GParamSpec       *pspec,
             AplApprovalsPage *self)
{
  guint index;

  if (widget_step (self, row, &index) == NULL)
    return;
  if (adw_expander_row_get_expanded (row))
    self->expanded_step = (int) index;
  else if (self->expanded_step == (int) index)
    self->expanded_step = -1;
}

static char *
step_summary (AplApprovalStep *step,
              guint            index)
{
  GString *text = g_string_new (NULL);

  g_string_append (text, step->rule == APL_STEP_ALL_OF ? _("All of") : _("One of"));
  g_string_append_c (text, ' ');
  for (guint a = 0; a < step->approvers->len; a++)
    {
      AplApprover *approver = g_ptr_array_index (step->approvers, a);

      if (a > 0)
        g_string_append (text, ", ");
      g_string_append (text, *approver->name ? approver->name : "…");
      if (*approver->deputy != '\0')
        /* Translators: after an approver's name */
        g_string_append_printf (text, _(" (deputy %s)"), approver->deputy);
    }
  if (step->target_minutes > 0)
    /* Translators: a step's target time */
    g_string_append_printf (text, _(" · within %u min"), step->target_minutes);
  if (index > 0 && step->timing == APL_STEP_WITH_PREVIOUS)
    g_string_append (text, _(" · together with the previous step"));
  return g_string_free (text, FALSE);
}

static GtkWidget *
entry_row (AplApprovalsPage *self,
           const char       *title,
           const char       *text,
           guint             step_index,
           GCallback         callback)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_object_set_data (G_OBJECT (row), STEP_KEY, GUINT_TO_POINTER (step_index));
  g_signal_connect_object (row, "apply", callback, self, 0);
  return row;
}

static GtkWidget *
combo_row (AplApprovalsPage   *self,
           const char         *title,
           const char * const *choices,
           guint               selected,
           guint               step_index,
           GCallback           callback)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data (G_OBJECT (row), STEP_KEY, GUINT_TO_POINTER (step_index));
  g_signal_connect_object (row, "notify::selected", callback, self, 0);
  return row;
}

static GtkWidget *
step_button (const char *label,
             const char *tooltip,
             const char *action,
             guint       step_index)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_uint32 (step_index));
  return button;
}

static void
rebuild_route (AplApprovalsPage *self)
{
  const char *rules[] = { _("One of the approvers"), _("All of the approvers"), NULL };
  const char *timings[] = { _("After the previous step"), _("Together with the previous step"), NULL };

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  apl_page_clear_list (self->route_list);
  if (self->route == NULL)
    return;

  for (guint i = 0; i < self->route->len; i++)
    {
      AplApprovalStep *step = g_ptr_array_index (self->route, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, *step->role ? step->role : _("New step"));
      g_autofree char *summary = step_summary (step, i);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *spin, *target_row, *buttons_row, *box, *row;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), summary);
      g_object_set_data (G_OBJECT (expander), STEP_KEY, GUINT_TO_POINTER (i));

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                entry_row (self, _("Role"), step->role, i, G_CALLBACK (role_applied_cb)));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                combo_row (self, _("Needs"), rules, step->rule == APL_STEP_ALL_OF ? 1 : 0, i,
                                           G_CALLBACK (rule_changed_cb)));
      if (i > 0)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  combo_row (self, _("Runs"), timings,
                                             step->timing == APL_STEP_WITH_PREVIOUS ? 1 : 0, i,
                                             G_CALLBACK (timing_changed_cb)));

      target_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (target_row), _("Target Time"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (target_row), _("Minutes for this step during a crisis; 0 for none"));
      spin = gtk_spin_button_new_with_range (0, 43200, 5);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), step->target_minutes);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Target time in minutes"), -1);
      g_object_set_data (G_OBJECT (spin), STEP_KEY, GUINT_TO_POINTER (i));
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (target_changed_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (target_row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (target_row), spin);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), target_row);

      for (guint a = 0; a < step->approvers->len; a++)
        {
          AplApprover *approver = g_ptr_array_index (step->approvers, a);
          g_autofree char *name_title = g_strdup_printf (_("Approver %u"), a + 1);
          g_autofree char *deputy_title = g_strdup_printf (_("Deputy of Approver %u"), a + 1);
          GtkWidget *remove;

          row = entry_row (self, name_title, approver->name, i, G_CALLBACK (approver_applied_cb));
          g_object_set_data (G_OBJECT (row), APPROVER_KEY, GUINT_TO_POINTER (a));
          remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, _("Remove Approver"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Remove Approver"), -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "approvals.remove-approver");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "(uu)", i, a);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

          row = entry_row (self, deputy_title, approver->deputy, i, G_CALLBACK (approver_applied_cb));
          g_object_set_data (G_OBJECT (row), APPROVER_KEY, GUINT_TO_POINTER (a));
          g_object_set_data (G_OBJECT (row), "apl-deputy", GINT_TO_POINTER (1));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }

      buttons_row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (buttons_row), FALSE);
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_box_append (GTK_BOX (box), step_button (_("Add A_pprover"), _("Add another approver to this step"),
                                                  "approvals.add-approver", i));
      if (i > 0)
        gtk_box_append (GTK_BOX (box), step_button (_("Move _Up"), _("Run this step earlier"),
                                                    "approvals.move-step-up", i));
      gtk_box_append (GTK_BOX (box), step_button (_("Remo_ve Step"), _("Remove this step from the route"),
                                                  "approvals.remove-step", i));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (buttons_row), box);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), buttons_row);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), (int) i == self->expanded_step);
      g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);
      gtk_list_box_append (self->route_list, expander);
    }

  if (self->route->len == 0)
    gtk_list_box_append (self->route_list,
                         placeholder (_("No route yet: add the first step, for example your comms lead.")));
}

/* Callbacks */

static void
approvals_changed_cb (AplApprovalsPage *self,
                      gint64            plan_id,
                      AplApprovals     *approvals)
{
  if (self->plan != NULL && apl_plan_get_id (self->plan) == plan_id)
    refresh (self);
}

static void
messages_changed_cb (AplApprovalsPage *self)
{
  refresh (self);
}

static void
identity_changed_cb (AplApprovalsPage *self)
{
  refresh (self);
}

static void
decision_comment_changed_cb (GtkTextBuffer    *buffer,
                             AdwMessageDialog *dialog)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  adw_message_dialog_set_response_enabled (dialog, "request-changes", *text != '\0');
}

static void
decision_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      AplApprovalsPage *self)
{
  AplMessage *message = g_object_get_data (G_OBJECT (dialog), "apl-message");
  const char *seen_hash = g_object_get_data (G_OBJECT (dialog), "apl-seen-hash");
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "apl-comment");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *comment = NULL;
  AplDecision decision;
  GtkTextIter start, end;
  const char *done;

  if (g_str_equal (response, "approve"))
    {
      decision = APL_DECISION_APPROVE;
      done = _("Approved");
    }
  else if (g_str_equal (response, "request-changes"))
    {
      decision = APL_DECISION_REQUEST_CHANGES;
      done = _("Changes requested");
    }
  else if (g_str_equal (response, "reject"))
    {
      decision = APL_DECISION_REJECT;
      done = _("Rejected");
    }
  else
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  comment = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  read_identity (self, &name, &role);
  if (!apl_store_decide_approval (self->store, message, decision, seen_hash, name, role, comment, &error))
    {
      show_error (self, error->message);
      return;
    }
  toast (self, adw_toast_new (done));
}

static void
open_decision (AplApprovalsPage *self,
               gint64            message_id,
               AplDecision       decision)
{
  g_autoptr(AplMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;
  GtkWidget *dialog, *box, *label, *scrolled, *view;
  GtkTextBuffer *buffer;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  message = apl_store_find_message (self->store, message_id, &error);
  if (message == NULL)
    {
      show_error (self, error->message);
      return;
    }

  switch (decision)
    {
    case APL_DECISION_APPROVE:
      heading = g_strdup_printf (_("Approve “%s”?"), apl_message_get_title (message));
      break;
    case APL_DECISION_REQUEST_CHANGES:
      heading = g_strdup_printf (_("Request Changes to “%s”?"), apl_message_get_title (message));
      break;
    case APL_DECISION_REJECT:
    default:
      heading = g_strdup_printf (_("Reject “%s”?"), apl_message_get_title (message));
      break;
    }
  /* The exact text the decision is bound to, as it is now. */
  text = *apl_message_get_subject (message) != '\0'
    ? g_strdup_printf ("%s\n\n%s", apl_message_get_subject (message), apl_message_get_body (message))
    : g_strdup (apl_message_get_body (message));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, text);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  switch (decision)
    {
    case APL_DECISION_APPROVE:
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "approve", _("_Approve"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "approve", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "approve");
      break;
    case APL_DECISION_REQUEST_CHANGES:
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "request-changes", _("_Request Changes"));
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "request-changes", FALSE);
      break;
    case APL_DECISION_REJECT:
    default:
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "reject", _("_Reject"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reject", ADW_RESPONSE_DESTRUCTIVE);
      break;
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (decision == APL_DECISION_REQUEST_CHANGES
                                       ? _("_What must change (required)")
                                       : _("_Comment (optional)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_object_set_data_full (G_OBJECT (dialog), "apl-message", g_object_ref (message), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "apl-seen-hash", apl_approval_hash_message (message), g_free);
  g_object_set_data (G_OBJECT (dialog), "apl-comment", buffer);
  if (decision == APL_DECISION_REQUEST_CHANGES)
    g_signal_connect_object (buffer, "changed", G_CALLBACK (decision_comment_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (decision_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* Actions */

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplApprovalsPage *self = APL_APPROVALS_PAGE (widget);
  AplDecision decision = g_str_equal (action_name, "approvals.approve") ? APL_DECISION_APPROVE
                         : g_str_equal (action_name, "approvals.reject") ? APL_DECISION_REJECT
                         : APL_DECISION_REQUEST_CHANGES;

  if (self->store != NULL)
    open_decision (self, g_variant_get_int64 (parameter), decision);
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AplApprovalsPage *self = APL_APPROVALS_PAGE (widget);
  g_autoptr(AplMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;

  if (self->store == NULL)
    return;
  message = apl_store_find_message (self->store, g_variant_get_int64 (parameter), &error);
  read_identity (self, &name, &role);
  if (message == NULL || !apl_store_withdraw_submission (self->store, message, name, role, &error))
    {
      show_error (self, error->message);
      return;
    }
  toast (self, adw_toast_new (_("Withdrawn from review")));
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AplApprovalsPage *self = APL_APPROVALS_PAGE (widget);
  AplApprovalStep *step;

  if (self->plan == NULL)
    return;
  /* Unsaved until it has a role and an approver. */
  step = apl_approval_step_new ("", APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 0);
  apl_approval_step_add_approver (step, "", "");
  g_ptr_array_add (self->route, step);
  self->expanded_step = (int) self->route->len - 1;
  rebuild_route (self);
}

static void
add_approver_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AplApprovalsPage *self = APL_APPROVALS_PAGE (widget);
  guint i = g_variant_get_uint32 (parameter);

  if (self->route == NULL || i >= self->route->len)
    return;
  apl_approval_step_add_approver (g_ptr_array_index (self->route, i), "", "");
  self->expanded_step = (int) i;
  rebuild_later (self);
}

static void
remove_approver_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AplApprovalsPage *self = APL_APPROVALS_PAGE (widget);
  AplApprovalStep *step;
  guint i, a;

  g_variant_get (parameter, "(uu)", &i, &a);
  if (self->route == NULL || i >= self->route->len)
    return;
  step = g_ptr_array_index (self->route, i);
  if (a >= step->approvers->len)
    return;
  g_ptr_array_remove_index (step->approvers, a);
  save_route (self, NULL);
  rebuild_later (self);
}

static void
move_step_up_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AplApprovalsPage *self = APL_APPROVALS_PAGE (widget);
  guint i = g_variant_get_uint32 (parameter);
  gpointer step;

  if (self->route == NULL || i == 0 || i >= self->route->len)
    return;
  step = g_ptr_array_steal_index (self->route, i);
  g_ptr_array_insert (self->route, (int) i - 1, step);
  self->expanded_step = (int) i - 1;
  save_route (self, NULL);
  rebuild_later (self);
}

static void
undo_remove_step_cb (AdwToast         *t,
                     AplApprovalsPage *self)
{
  GPtrArray *saved = g_object_get_data (G_OBJECT (t), "apl-route");

  if (saved == NULL || self->plan == NULL)
    return;
  g_clear_pointer (&self->route, g_ptr_array_unref);
  self->route = g_ptr_array_ref (saved);
  if (!save_route (self, NULL))
    show_error (self, gtk_label_get_label (self->route_error_label));
  rebuild_later (self);
}

static gpointer
copy_step (gconstpointer step,
           gpointer      user_data)
{
  return apl_approval_step_copy (step);
}

static void
remove_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplApprovalsPage *self = APL_APPROVALS_PAGE (widget);
  guint i = g_variant_get_uint32 (parameter);
  g_autoptr(GPtrArray) before = NULL;
  AdwToast *t;

  if (self->route == NULL || i >= self->route->len)
    return;
  before = g_ptr_array_copy (self->route, copy_step, NULL);
  g_ptr_array_set_free_func (before, (GDestroyNotify) apl_approval_step_free);
  g_ptr_array_remove_index (self->route, i);
  self->expanded_step = -1;
  if (!save_route (self, NULL))
    {
      /* Refused (a review is in progress): put it back as it was. */
      show_error (self, gtk_label_get_label (self->route_error_label));
      g_clear_pointer (&self->route, g_ptr_array_unref);
      self->route = g_steal_pointer (&before);
      rebuild_later (self);
      return;
    }
  rebuild_later (self);

  t = adw_toast_new (_("Step removed"));
  adw_toast_set_button_label (t, _("_Undo"));
  g_object_set_data_full (G_OBJECT (t), "apl-route", g_steal_pointer (&before), (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (t, "button-clicked", G_CALLBACK (undo_remove_step_cb), self, 0);
  toast (self, t);
}

/* GObject */

static void
apl_approvals_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (apl_approvals_page_parent_class)->root (widget);
  update_badge (APL_APPROVALS_PAGE (widget));
}

static void
apl_approvals_page_dispose (GObject *object)
{
  AplApprovalsPage *self = APL_APPROVALS_PAGE (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  apl_approvals_page_set_plan (self, NULL);
  apl_approvals_page_set_store (self, NULL);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_APPROVALS_PAGE);

  G_OBJECT_CLASS (apl_approvals_page_parent_class)->dispose (object);
}

static void
apl_approvals_page_finalize (GObject *object)
{
  AplApprovalsPage *self = APL_APPROVALS_PAGE (object);

  g_clear_pointer (&self->route, g_ptr_array_unref);

  G_OBJECT_CLASS (apl_approvals_page_parent_class)->finalize (object);
}

static void
apl_approvals_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AplApprovalsPage *self = APL_APPROVALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_approvals_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AplApprovalsPage *self = APL_APPROVALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      apl_approvals_page_set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_approvals_page_class_init (AplApprovalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_approvals_page_dispose;
  object_class->finalize = apl_approvals_page_finalize;
  object_class->get_property = apl_approvals_page_get_property;
  object_class->set_property = apl_approvals_page_set_property;
  widget_class->root = apl_approvals_page_root;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, APL_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-approvals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AplApprovalsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalsPage, identity_label);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalsPage, waiting_list);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalsPage, returned_list);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalsPage, submitted_list);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalsPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalsPage, route_error_label);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalsPage, route_list);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalsPage, trail_group);
  gtk_widget_class_bind_template_child (widget_class, AplApprovalsPage, trail_list);

  gtk_widget_class_install_action (widget_class, "approvals.approve", "x", decide_action);
  gtk_widget_class_install_action (widget_class, "approvals.request-changes", "x", decide_action);
  gtk_widget_class_install_action (widget_class, "approvals.reject", "x", decide_action);
  gtk_widget_class_install_action (widget_class, "approvals.withdraw", "x", withdraw_action);
  gtk_widget_class_install_action (widget_class, "approvals.add-step", NULL, add_step_action);
  gtk_widget_class_install_action (widget_class, "approvals.add-approver", "u", add_approver_action);
  gtk_widget_class_install_action (widget_class, "approvals.remove-approver", "(uu)", remove_approver_action);
  gtk_widget_class_install_action (widget_class, "approvals.move-step-up", "u", move_step_up_action);
  gtk_widget_class_install_action (widget_class, "approvals.remove-step", "u", remove_step_action);
}

static void
apl_approvals_page_init (AplApprovalsPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->expanded_step = -1;

  gtk_list_box_set_placeholder (self->waiting_list, placeholder (_("Nothing waits for your decision.")));
  gtk_list_box_set_placeholder (self->returned_list, placeholder (_("Nothing came back to you.")));
  gtk_list_box_set_placeholder (self->submitted_list, placeholder (_("You have nothing in review.")));
  gtk_list_box_set_placeholder (self->trail_list, placeholder (_("No events yet.")));
  gtk_list_box_set_placeholder (self->status_list, placeholder (_("This plan has no messages yet.")));

  schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_object (self->settings, "changed::user-name", G_CALLBACK (identity_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::user-role", G_CALLBACK (identity_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approvals.add-step", FALSE);
  update_identity (self);
}

/* Public API */

void
apl_approvals_page_set_store (AplApprovalsPage *self,
                              AplStore         *store)
{
  g_return_if_fail (APL_IS_APPROVALS_PAGE (self));

  if (self->store == store)
    return;
  apl_approvals_page_set_plan (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (apl_approvals_get (self->store), approvals_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (apl_approvals_get (store), "changed", G_CALLBACK (approvals_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

void
apl_approvals_page_set_plan (AplApprovalsPage *self,
                             AplPlan          *plan)
{
  GListModel *messages = NULL;

  g_return_if_fail (APL_IS_APPROVALS_PAGE (self));

  if (self->plan == plan)
    return;
  g_set_object (&self->plan, plan);

  if (plan != NULL && self->store != NULL)
    messages = apl_store_get_messages (self->store, plan, NULL);
  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_func (self->messages, messages_changed_cb, self);
  g_set_object (&self->messages, messages);
  if (messages != NULL)
    g_signal_connect_object (messages, "items-changed", G_CALLBACK (messages_changed_cb), self, G_CONNECT_SWAPPED);

  self->expanded_step = -1;
  load_route (self);
  rebuild_route (self);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

AplPlan *
apl_approvals_page_get_plan (AplApprovalsPage *self)
{
  g_return_val_if_fail (APL_IS_APPROVALS_PAGE (self), NULL);
  return self->plan;
}

/**
 * apl_approvals_page_get_badge_count:
 *
 * Returns: what the page's badge shows: decisions waiting for the user
 * plus their submissions that came back
 */
guint
apl_approvals_page_get_badge_count (AplApprovalsPage *self)
{
  g_return_val_if_fail (APL_IS_APPROVALS_PAGE (self), 0);
  return self->badge_count;
}
