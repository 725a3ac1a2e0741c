/* apl-window.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the workspace's plans on the left, the selected plan on
 * the right, folding into one column on a narrow screen.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-approvals-page.h"
#include "apl-contacts-page.h"
#include "apl-crisis-cell-page.h"
#include "apl-messages-page.h"
#include "apl-plan-files.h"
#include "apl-plan-overview.h"
#include "apl-scenario-assistant.h"
#include "apl-scenarios-page.h"
#include "apl-stakeholders-page.h"
#include "apl-text.h"
#include "apl-window.h"

struct _AplWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListView          *plan_list;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  AdwWindowTitle       *sidebar_title;
  AdwViewSwitcherTitle *content_title;
  AdwViewStack         *view_stack;
  GtkStack             *content_stack;
  AplPlanOverview      *overview;
  AplStakeholdersPage  *stakeholders_page;
  AplMessagesPage      *messages_page;
  AplApprovalsPage     *approvals_page;
  AplContactsPage      *contacts_page;
  AplCrisisCellPage    *crisis_cell_page;
  AplScenariosPage     *scenarios_page;
  /* Where those pages wait (hidden) and where they go in the view stack
   * when first shown. */
  GtkBox               *page_shelf;
  AdwBin               *stakeholders_slot;
  AdwBin               *messages_slot;
  AdwBin               *contacts_slot;
  AdwBin               *crisis_cell_slot;
  AdwBin               *scenarios_slot;

  AplStore             *store;
  GSettings            *settings;
  GtkFilterListModel   *filtered_plans;
  GtkCustomFilter      *filter;
  GtkSingleSelection   *selection;
  char                 *folded_search;
  GBinding             *title_binding;
  /* Plans deleted in this session whose Undo toast is still showing. */
  GHashTable           *deleted_plans;
};

G_DEFINE_FINAL_TYPE (AplWindow, apl_window, ADW_TYPE_APPLICATION_WINDOW)

/* Helpers */

static void
update_actions (AplWindow *self)
{
  gboolean has_plan = apl_window_get_selected_plan (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-plan", has_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-plan", has_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-plan", has_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-plan", has_plan);
}

static void
update_content (AplWindow *self)
{
  AplPlan *plan = apl_window_get_selected_plan (self);
  guint n_plans = g_list_model_get_n_items (apl_store_get_plans (self->store));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered_plans));

  g_clear_pointer (&self->title_binding, g_binding_unbind);
  apl_plan_overview_set_plan (self->overview, plan);
  apl_stakeholders_page_set_plan (self->stakeholders_page, plan);
  apl_messages_page_set_plan (self->messages_page, plan);
  apl_approvals_page_set_plan (self->approvals_page, plan);
  apl_contacts_page_set_plan (self->contacts_page, plan);
  apl_crisis_cell_page_set_plan (self->crisis_cell_page, plan);
  apl_scenarios_page_set_plan (self->scenarios_page, plan);

  if (plan != NULL)
    {
      self->title_binding = g_object_bind_property (plan, "title", self->content_title, "title",
                                                    G_BINDING_SYNC_CREATE);
      gtk_stack_set_visible_child_name (self->content_stack, "plan");
      g_settings_set_string (self->settings, "last-plan-uuid", apl_plan_get_uuid (plan));
    }
  else
    {
      adw_view_switcher_title_set_title (self->content_title, "");
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    n_shown == 0 && n_plans > 0 ? "no-results" : "list");
  update_actions (self);
}

static guint
find_position (GListModel *model,
               AplPlan    *plan)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplPlan) item = g_list_model_get_item (model, i);

      if (item == plan)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
show_content (AplWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
toast (AplWindow  *self,
       const char *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* The pages the window does not open on wait on a hidden shelf, each
 * with an empty slot in the view stack, until they are first shown: a
 * hidden widget is not styled, measured or realized, and doing that for
 * five large pages nobody looks at was a good part of the time to the
 * window's first frame, and of its memory. They are built, given the
 * selected plan and kept in the window (toasts, dialogs) all the same, so
 * their content is ready when they move in. */
static void
fill_visible_slot (AplWindow *self)
{
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);
  GtkWidget *page = NULL;

  if (!ADW_IS_BIN (visible) || adw_bin_get_child (ADW_BIN (visible)) != NULL)
    return;

  if (visible == GTK_WIDGET (self->stakeholders_slot))
    page = GTK_WIDGET (self->stakeholders_page);
  else if (visible == GTK_WIDGET (self->messages_slot))
    page = GTK_WIDGET (self->messages_page);
  else if (visible == GTK_WIDGET (self->contacts_slot))
    page = GTK_WIDGET (self->contacts_page);
  else if (visible == GTK_WIDGET (self->crisis_cell_slot))
    page = GTK_WIDGET (self->crisis_cell_page);
  else if (visible == GTK_WIDGET (self->scenarios_slot))
    page = GTK_WIDGET (self->scenarios_page);

  if (page == NULL || gtk_widget_get_parent (page) != GTK_WIDGET (self->page_shelf))
    return;
  g_object_ref (page);
  gtk_box_remove (self->page_shelf, page);
  adw_bin_set_child (ADW_BIN (visible), page);
  g_object_unref (page);
}

/* Callbacks */

static gboolean
plan_matches (gpointer item,
              gpointer user_data)
{
  AplWindow *self = APL_WINDOW (user_data);

  return apl_text_matches (apl_plan_get_title (APL_PLAN (item)), self->folded_search);
}

static void
search_changed_cb (AplWindow      *self,
                   GtkSearchEntry *entry)
{
  g_free (self->folded_search);
  self->folded_search = apl_text_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
stop_search_cb (AplWindow      *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
plan_list_activate_cb (AplWindow   *self,
                       guint        position,
                       GtkListView *list)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_content (self);
}

static void
selection_changed_cb (AplWindow *self)
{
  update_content (self);
}

static void
overview_error_cb (AplWindow       *self,
                   const char      *message,
                   AplPlanOverview *overview)
{
  apl_window_show_error (self, message);
}

static void
deleted_toast_dismissed_cb (AdwToast  *t,
                            AplWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (t), "plan-id"));

  g_hash_table_remove (self->deleted_plans, &id);
}

/* Actions */

static void
new_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AplWindow *self = APL_WINDOW (widget);
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = apl_store_create_plan (self->store, _("Untitled Plan"), &error);
  if (plan == NULL)
    {
      apl_window_show_error (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apl_window_select_plan (self, plan);
  show_content (self);
  apl_plan_overview_edit_title (self->overview);
}

/* The assistant selects the plan it creates (or shows why it could not). */
static void
new_plan_from_scenario_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  AplWindow *self = APL_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_window_present (GTK_WINDOW (apl_scenario_assistant_new (GTK_WINDOW (self), self->store)));
}

static void
rename_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplWindow *self = APL_WINDOW (widget);

  show_content (self);
  apl_plan_overview_edit_title (self->overview);
}

static void
duplicate_plan_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AplWindow *self = APL_WINDOW (widget);
  AplPlan *plan = apl_window_get_selected_plan (self);
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (plan == NULL)
    return;

  copy = apl_store_duplicate_plan (self->store, plan, NULL, &error);
  if (copy == NULL)
    {
      apl_window_show_error (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apl_window_select_plan (self, copy);
  toast (self, _("Plan duplicated"));
}

static void
delete_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplWindow *self = APL_WINDOW (widget);
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint position;
  guint n_items;
  gint64 *key;
  AdwToast *t;

  plan = apl_window_get_selected_plan (self);
  if (plan == NULL)
    return;
  g_object_ref (plan);
  position = gtk_single_selection_get_selected (self->selection);

  if (!apl_store_delete_plan (self->store, plan, &error))
    {
      apl_window_show_error (self, error->message);
      return;
    }

  /* Keep the neighbour selected rather than jumping to the top. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (n_items > 0)
    gtk_single_selection_set_selected (self->selection, MIN (position, n_items - 1));

  key = g_new (gint64, 1);
  *key = apl_plan_get_id (plan);
  g_hash_table_insert (self->deleted_plans, key, g_object_ref (plan));

  /* Translators: %s is the title of a plan */
  title = g_strdup_printf (_("“%s” deleted"), apl_plan_get_title (plan));
  t = adw_toast_new (title);
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "win.undo-delete");
  adw_toast_set_action_target_value (t, g_variant_new_int64 (*key));
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (t), "plan-id", GSIZE_TO_POINTER ((gsize) *key));
  g_signal_connect_object (t, "dismissed", G_CALLBACK (deleted_toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplWindow *self = APL_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  AplPlan *plan;

  plan = g_hash_table_lookup (self->deleted_plans, &id);
  if (plan == NULL)
    return;

  if (!apl_store_undelete_plan (self->store, plan, &error))
    {
      apl_window_show_error (self, error->message);
      return;
    }

  apl_window_select_plan (self, plan);
  g_hash_table_remove (self->deleted_plans, &id);
}

static void
show_plans_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AplWindow *self = APL_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
export_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplWindow *self = APL_WINDOW (widget);
  AplPlan *plan = apl_window_get_selected_plan (self);

  if (plan != NULL)
    apl_plan_files_export (self, plan);
}

static void
import_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  apl_plan_files_choose_import (APL_WINDOW (widget));
}

/* A plan file dropped on the window is imported, as from the menu. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         AplWindow     *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;
  apl_plan_files_import (self, file);
  return TRUE;
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplWindow *self = APL_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* GtkWindow */

static gboolean
apl_window_close_request (GtkWindow *window)
{
  AplWindow *self = APL_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (apl_window_parent_class)->close_request (window);
}

/* GObject */

static void
apl_window_dispose (GObject *object)
{
  AplWindow *self = APL_WINDOW (object);

  g_clear_pointer (&self->title_binding, g_binding_unbind);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_WINDOW);

  G_OBJECT_CLASS (apl_window_parent_class)->dispose (object);
}

static void
apl_window_finalize (GObject *object)
{
  AplWindow *self = APL_WINDOW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->deleted_plans, g_hash_table_unref);
  g_clear_pointer (&self->folded_search, g_free);

  G_OBJECT_CLASS (apl_window_parent_class)->finalize (object);
}

static void
apl_window_class_init (AplWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = apl_window_dispose;
  object_class->finalize = apl_window_finalize;
  window_class->close_request = apl_window_close_request;

  g_type_ensure (APL_TYPE_PLAN);
  g_type_ensure (APL_TYPE_PLAN_OVERVIEW);
  g_type_ensure (APL_TYPE_STAKEHOLDERS_PAGE);
  g_type_ensure (APL_TYPE_MESSAGES_PAGE);
  g_type_ensure (APL_TYPE_APPROVALS_PAGE);
  g_type_ensure (APL_TYPE_CONTACTS_PAGE);
  g_type_ensure (APL_TYPE_CRISIS_CELL_PAGE);
  g_type_ensure (APL_TYPE_SCENARIOS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AplWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, plan_list);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, overview);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, stakeholders_page);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, messages_page);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, crisis_cell_page);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, scenarios_page);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, approvals_page);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, contacts_page);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, page_shelf);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, stakeholders_slot);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, messages_slot);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, contacts_slot);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, crisis_cell_slot);
  gtk_widget_class_bind_template_child (widget_class, AplWindow, scenarios_slot);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, overview_error_cb);

  gtk_widget_class_install_action (widget_class, "win.new-plan", NULL, new_plan_action);
  gtk_widget_class_install_action (widget_class, "win.new-plan-from-scenario", NULL, new_plan_from_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.rename-plan", NULL, rename_plan_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-plan", NULL, duplicate_plan_action);
  gtk_widget_class_install_action (widget_class, "win.delete-plan", NULL, delete_plan_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "x", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.show-plans", NULL, show_plans_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export-plan", NULL, export_plan_action);
  gtk_widget_class_install_action (widget_class, "win.import-plan", NULL, import_plan_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-plan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import-plan", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-plan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "win.new-plan-from-scenario", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename-plan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.duplicate-plan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-plan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
apl_window_init (AplWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (fill_visible_slot), self, G_CONNECT_SWAPPED);
  fill_visible_slot (self);

  self->deleted_plans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->folded_search = g_strdup ("");

  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

    g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/* Public API */

AplWindow *
apl_window_new (AplApplication *application)
{
  AplWindow *self;
  AplStore *store;
  g_autofree char *workspace_name = NULL;
  g_autofree char *last_uuid = NULL;
  AplPlan *last_plan = NULL;

  g_return_val_if_fail (APL_IS_APPLICATION (application), NULL);

  store = apl_application_get_store (application);
  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (APL_TYPE_WINDOW, "application", application, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (apl_application_get_settings (application));
  apl_stakeholders_page_set_store (self->stakeholders_page, store);
  apl_messages_page_set_store (self->messages_page, store);
  apl_approvals_page_set_store (self->approvals_page, store);
  apl_contacts_page_set_store (self->contacts_page, store);
  apl_crisis_cell_page_set_store (self->crisis_cell_page, store);
  apl_scenarios_page_set_store (self->scenarios_page, store);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  workspace_name = g_filename_display_basename (apl_store_get_path (store));
  adw_window_title_set_subtitle (self->sidebar_title, workspace_name);

  self->filter = gtk_custom_filter_new (plan_matches, self, NULL);
  self->filtered_plans = gtk_filter_list_model_new (g_object_ref (apl_store_get_plans (store)),
                                                    GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered_plans));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->plan_list, GTK_SELECTION_MODEL (self->selection));

  last_uuid = g_settings_get_string (self->settings, "last-plan-uuid");
  last_plan = apl_store_find_plan_by_uuid (store, last_uuid);
  if (last_plan != NULL)
    apl_window_select_plan (self, last_plan);

  update_content (self);
  return self;
}

/**
 * apl_window_get_selected_plan:
 *
 * Returns: (transfer none) (nullable): the plan shown on the right
 */
AplPlan *
apl_window_get_selected_plan (AplWindow *self)
{
  g_return_val_if_fail (APL_IS_WINDOW (self), NULL);

  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

void
apl_window_select_plan (AplWindow *self,
                        AplPlan   *plan)
{
  guint position;

  g_return_if_fail (APL_IS_WINDOW (self));
  g_return_if_fail (APL_IS_PLAN (plan));

  position = find_position (G_LIST_MODEL (self->selection), plan);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
}

/**
 * apl_window_show_page:
 * @name: the name of a page of the view stack ("contacts", …)
 *
 * Shows that page of the selected plan (what `aplomb --page` does).
 *
 * Returns: %FALSE when the window has no such page
 */
gboolean
apl_window_show_page (AplWindow  *self,
                      const char *name)
{
  g_return_val_if_fail (APL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return FALSE;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  /* A narrow (folded) window shows the page, not the list of plans. */
  show_content (self);
  return TRUE;
}

/**
 * apl_window_add_toast:
 * @toast: (transfer full): the toast
 */
void
apl_window_add_toast (AplWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (APL_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * apl_window_show_error:
 *
 * Tells the user, in a toast, that something they did was not saved. What
 * they typed stays where it was, so they can try again.
 */
void
apl_window_show_error (AplWindow  *self,
                       const char *message)
{
  AdwToast *t;

  g_return_if_fail (APL_IS_WINDOW (self));

  t = adw_toast_new (message);
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (t, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}
