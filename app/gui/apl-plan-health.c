/* apl-plan-health.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plan health on the overview: what is missing or stale in the plan, each
 * item a row that opens the page where it is fixed. Plans go stale between
 * crises; this list is what keeps them alive. The list is worked out again
 * whenever the overview comes into view, so edits made on other pages show
 * up without each widget wiring itself to every record.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-application.h"
#include "apl-approvals.h"
#include "apl-crisis-cell-page.h"
#include "apl-plan-health.h"
#include "apl-scenarios-page.h"

struct _AplPlanHealth
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkListBox *list;
  AdwActionRow *trail_row;
  GtkImage   *trail_icon;
  GtkLabel   *trail_state_label;

  AplStore   *store;
  AplPlan    *plan;
  guint       n_items;
  /* Set while the refresh waits for the workspace check (see refresh()). */
  AplStore   *checking_store;
  gulong      checked_handler;
};

G_DEFINE_FINAL_TYPE (AplPlanHealth, apl_plan_health, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static AplStore *
get_store (AplPlanHealth *self)
{
  GtkRoot *root;
  GtkApplication *app;

  if (self->store != NULL)
    return self->store;

  /* In the window, the store is the application's. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  return APL_IS_APPLICATION (app) ? apl_application_get_store (APL_APPLICATION (app)) : NULL;
}

static void
clear_rows (AplPlanHealth *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static GtkWidget *
make_row (AplHealthItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (item->severity == APL_HEALTH_CRITICAL
                                                  ? "dialog-error-symbolic"
                                                  : "dialog-warning-symbolic");
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->detail);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_add_css_class (icon, item->severity == APL_HEALTH_CRITICAL ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  item->severity == APL_HEALTH_CRITICAL ? _("Critical") : _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open the page where this is fixed"));

  g_object_set_data (G_OBJECT (row), "target", GINT_TO_POINTER (item->target));
  g_object_set_data (G_OBJECT (row), "target-id", GSIZE_TO_POINTER ((gsize) item->target_id));
  return row;
}

/* The approval trail's state: its head's short hash (what the exported
 * and printed plan carry, so a reader can compare), its length, and
 * whether its hash chain still verifies. */
static void
update_trail (AplPlanHealth *self,
              AplStore      *store)
{
  g_autoptr(AplTrailStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *state = NULL;
  gboolean broken;

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->trail_row)), self->plan != NULL && store != NULL);
  if (self->plan == NULL || store == NULL)
    return;

  status = apl_store_get_trail_status (store, apl_plan_get_uuid (self->plan), &error);
  if (status == NULL)
    {
      adw_action_row_set_subtitle (self->trail_row, error->message);
      gtk_label_set_text (self->trail_state_label, "");
      return;
    }

  broken = status->broken != NULL;
  if (status->n_events == 0 && !broken)
    subtitle = g_strdup (_("No approval recorded yet."));
  else
    {
      /* Only the first 12 digits: enough to compare by eye. */
      g_autofree char *short_hash = g_strndup (status->head_hash ? status->head_hash : "–", 12);

      /* Translators: %s is the start of a hash ("3f9a0c2b7d11"), %u a number of events */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Head %s · %u event", "Head %s · %u events",
                                               status->n_events),
                                  short_hash, status->n_events);
    }
  if (broken)
    /* Translators: %lld is the number of the first event of the approval trail that does not verify */
    state = g_strdup_printf (_("Broken at event %lld"), (long long) status->broken->seq);
  else
    state = g_strdup (_("Intact"));

  adw_action_row_set_subtitle (self->trail_row, subtitle);
  gtk_label_set_text (self->trail_state_label, state);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->trail_state_label),
                               broken ? status->broken->description
                                      : _("Every event of the trail verifies against the one before it"));
  gtk_image_set_from_icon_name (self->trail_icon, broken ? "dialog-error-symbolic" : "emblem-ok-symbolic");
  if (broken)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->trail_icon), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->trail_state_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->trail_icon), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->trail_state_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->trail_icon), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->trail_state_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->trail_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->trail_state_label), "success");
    }
}

/* Callbacks */

static void
row_activated_cb (AplPlanHealth *self,
                  GtkListBoxRow *row)
{
  AplHealthTarget target = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "target"));
  int rule = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "rule")) - 1;
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "target-id"));
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK);
  const char *page = NULL;
  GtkWidget *child;

  if (rule < 0 || stack == NULL)
    return;

  /* A passed review date is fixed right below, on the overview itself. */
  if (target == APL_HEALTH_TARGET_ROLE || rule == APL_HEALTH_NO_CRISIS_CELL)
    page = "crisis-cell";
  else if (target == APL_HEALTH_TARGET_SCENARIO || rule == APL_HEALTH_NO_SCENARIO)
    page = "scenarios";
  else if (target == APL_HEALTH_TARGET_MESSAGES)
    page = "messages";
  else if (target == APL_HEALTH_TARGET_CONTACTS)
    page = "contacts";
  if (page == NULL)
    return;

  child = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), page);
  if (child == NULL)
    return;
  adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), child);
  /* The window keeps a page in a slot (an AdwBin) of its stack. */
  if (ADW_IS_BIN (child))
    child = adw_bin_get_child (ADW_BIN (child));
  if (APL_IS_CRISIS_CELL_PAGE (child) && id != 0)
    apl_crisis_cell_page_show_role (APL_CRISIS_CELL_PAGE (child), id);
  else if (APL_IS_SCENARIOS_PAGE (child) && id != 0)
    apl_scenarios_page_show_scenario (APL_SCENARIOS_PAGE (child), id);
}

static void
plan_notify_cb (AplPlanHealth *self)
{
  apl_plan_health_refresh (self);
}

static void
stop_waiting_for_check (AplPlanHealth *self)
{
  if (self->checking_store != NULL)
    g_clear_signal_handler (&self->checked_handler, self->checking_store);
  g_clear_object (&self->checking_store);
}

static void
store_check_finished_cb (AplStore      *store,
                         const GError  *error,
                         AplPlanHealth *self)
{
  stop_waiting_for_check (self);
  /* A damaged workspace closes the window: nothing to work out. */
  if (error == NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    apl_plan_health_refresh (self);
}

/* GtkWidget */

static void
apl_plan_health_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (apl_plan_health_parent_class)->map (widget);
  apl_plan_health_refresh (APL_PLAN_HEALTH (widget));
}

/* GObject */

static void
apl_plan_health_dispose (GObject *object)
{
  AplPlanHealth *self = APL_PLAN_HEALTH (object);

  apl_plan_health_set_plan (self, NULL);
  stop_waiting_for_check (self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_PLAN_HEALTH);
  G_OBJECT_CLASS (apl_plan_health_parent_class)->dispose (object);
}

static void
apl_plan_health_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AplPlanHealth *self = APL_PLAN_HEALTH (object);

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
apl_plan_health_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AplPlanHealth *self = APL_PLAN_HEALTH (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      apl_plan_health_set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_plan_health_class_init (AplPlanHealthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_plan_health_dispose;
  object_class->get_property = apl_plan_health_get_property;
  object_class->set_property = apl_plan_health_set_property;
  widget_class->map = apl_plan_health_map;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, APL_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-plan-health.ui");
  gtk_widget_class_bind_template_child (widget_class, AplPlanHealth, box);
  gtk_widget_class_bind_template_child (widget_class, AplPlanHealth, list);
  gtk_widget_class_bind_template_child (widget_class, AplPlanHealth, trail_row);
  gtk_widget_class_bind_template_child (widget_class, AplPlanHealth, trail_icon);
  gtk_widget_class_bind_template_child (widget_class, AplPlanHealth, trail_state_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
apl_plan_health_init (AplPlanHealth *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * apl_plan_health_set_store:
 *
 * Gives the widget its store; without one, it uses the application's.
 */
void
apl_plan_health_set_store (AplPlanHealth *self,
                           AplStore      *store)
{
  g_return_if_fail (APL_IS_PLAN_HEALTH (self));
  g_set_object (&self->store, store);
  /* Mapping refreshes: no checks (a count over the whole contact book
   * among them) for a page nobody sees, nor twice at start-up. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    apl_plan_health_refresh (self);
}

void
apl_plan_health_set_plan (AplPlanHealth *self,
                          AplPlan       *plan)
{
  g_return_if_fail (APL_IS_PLAN_HEALTH (self));
  g_return_if_fail (plan == NULL || APL_IS_PLAN (plan));

  if (self->plan == plan)
    return;
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_func (self->plan, plan_notify_cb, self);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    g_signal_connect_object (plan, "notify::next-review", G_CALLBACK (plan_notify_cb), self, G_CONNECT_SWAPPED);
  /* As in set_store(): the map handler refreshes an unmapped widget. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    apl_plan_health_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

AplPlan *
apl_plan_health_get_plan (AplPlanHealth *self)
{
  g_return_val_if_fail (APL_IS_PLAN_HEALTH (self), NULL);
  return self->plan;
}

/**
 * apl_plan_health_refresh:
 *
 * Works the list out again from the plan as it is now.
 */
void
apl_plan_health_refresh (AplPlanHealth *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;

  g_return_if_fail (APL_IS_PLAN_HEALTH (self));

  clear_rows (self);
  self->n_items = 0;
  store = get_store (self);

  /* Just after start-up, while the workspace is checked in the background
   * (apl_store_open_full()), the health comes once the check has passed:
   * its first look at some records erases last session's deletions, a
   * write that would hold the window's first frame until then. */
  if (store != NULL && apl_store_is_checking (store))
    {
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->trail_row)), FALSE);
      if (self->checking_store != store)
        {
          stop_waiting_for_check (self);
          self->checking_store = g_object_ref (store);
          self->checked_handler = g_signal_connect (store, "check-finished",
                                                    G_CALLBACK (store_check_finished_cb), self);
        }
      return;
    }

  update_trail (self, store);
  if (self->plan == NULL || store == NULL)
    return;

  items = apl_plan_health_check (store, self->plan, NULL, &error);
  if (items == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      gtk_list_box_append (self->list, row);
      return;
    }

  for (guint i = 0; i < items->len; i++)
    {
      AplHealthItem *item = g_ptr_array_index (items, i);
      GtkWidget *row = make_row (item);

      g_object_set_data (G_OBJECT (row), "rule", GINT_TO_POINTER (item->rule + 1));
      gtk_list_box_append (self->list, row);
    }
  self->n_items = items->len;

  if (items->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nothing missing or stale: the plan is ready."));
      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->list, row);
    }
}

/* How many things need attention; 0 for a healthy plan. */
guint
apl_plan_health_get_n_items (AplPlanHealth *self)
{
  g_return_val_if_fail (APL_IS_PLAN_HEALTH (self), 0);
  return self->n_items;
}
