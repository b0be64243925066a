import type { AnyComponent } from '../../framework/command';
import { browseComponents } from './browse-components';
import { prListPage } from './pr-list';

/** The catalogue (/extensions) and the registry (pr_*) commands; part of the core extension. */
export { extensionsCommands } from './extensions';
export { prAlertChannel } from './pr-alert-channel';
export { prEnforce } from './pr-enforce';
export { prInfo } from './pr-info';
export { prList } from './pr-list';
export { prValidate } from './pr-validate';

export const extensionComponents: AnyComponent[] = [browseComponents.page, browseComponents.open, prListPage];
