import { ComponentType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { chooseInSelect, pressButton } from '../../../cli/component-actions';
import type { AnyMessageComponent } from '../../../cli/component-index';
import { Session } from '../../../cli/session';
import { directory, IDS } from './fixtures';
import { PAGER } from './messages';

const components = PAGER as AnyMessageComponent[];
const session = new Session(directory());
session.chooseDefaults();
const resolve = session.pickResolver();

describe('press', () => {
  it('maps the button number to its custom_id', () => {
    expect(pressButton(components, '1')).toEqual({
      ok: true,
      value: { custom_id: 'help:prev:0', component_type: 2 },
    });
    expect(pressButton(components, '2')).toEqual({
      ok: true,
      value: { custom_id: 'help:next:2', component_type: 2 },
    });
  });

  it('refuses links, disabled buttons and numbers out of range', () => {
    expect(pressButton(components, '3')).toEqual({
      ok: false,
      error: 'button 3 is a link: https://example.com/docs',
    });
    expect(pressButton(components, '4')).toEqual({ ok: false, error: 'button 4 is disabled' });
    expect(pressButton(components, '5')).toEqual({ ok: false, error: 'there are 4 buttons; no button 5' });
    expect(pressButton(components, '0')).toEqual({ ok: false, error: 'button numbers start at 1; got "0"' });
    expect(pressButton([], '1')).toEqual({ ok: false, error: 'there is no button here' });
  });
});

describe('select', () => {
  it('maps option numbers to their values', () => {
    expect(chooseInSelect(components, '1', ['3', '1'], resolve)).toEqual({
      ok: true,
      value: {
        custom_id: 'help:pick',
        component_type: ComponentType.StringSelect,
        values: ['fun', 'general'],
      },
    });
  });

  it('enforces min and max values and option numbers', () => {
    expect(chooseInSelect(components, '1', ['1', '2', '3'], resolve)).toEqual({
      ok: false,
      error: 'select menu 1 takes 1 to 2 choices; got 3',
    });
    expect(chooseInSelect(components, '1', [], resolve)).toEqual({
      ok: false,
      error: 'select menu 1 takes 1 to 2 choices; got 0',
    });
    expect(chooseInSelect(components, '1', ['4'], resolve)).toEqual({
      ok: false,
      error: 'there are 3 options; no option 4',
    });
    expect(chooseInSelect(components, '4', ['1'], resolve)).toEqual({
      ok: false,
      error: 'there are 3 select menus; no select menu 4',
    });
  });

  it('resolves names for user and channel selects', () => {
    expect(chooseInSelect(components, '2', ['@max'], resolve)).toEqual({
      ok: true,
      value: { custom_id: 'help:user', component_type: ComponentType.UserSelect, values: [IDS.max] },
    });
    expect(chooseInSelect(components, '3', ['#general', 'admins'], resolve)).toEqual({
      ok: true,
      value: {
        custom_id: 'help:chan',
        component_type: ComponentType.ChannelSelect,
        values: [IDS.general, IDS.admins],
      },
    });
    expect(chooseInSelect(components, '3', ['#Lounge'], resolve)).toEqual({
      ok: false,
      error: '"#Lounge" is not a kind of channel this menu accepts',
    });
    expect(chooseInSelect(components, '2', ['@ghost'], resolve)).toEqual({
      ok: false,
      error: 'nothing called "@ghost" fits select menu 2',
    });
  });
});
