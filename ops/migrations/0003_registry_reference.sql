-- Reference data: youth-care regions, the 14 Twente municipalities, iJw/iWmo product
-- categories, WJ756 units and the joint tasks with their participating municipalities.
-- Region codes are our own short codes; names as the regions call themselves. Changes to
-- reference data come as new migrations.
INSERT INTO registry.region (code, name) VALUES
  ('ACHTERHOEK', 'Achterhoek'),
  ('AMSTERDAM', 'Amsterdam-Amstelland'),
  ('CENTRAAL-GELDERLAND', 'Centraal Gelderland'),
  ('DRENTHE', 'Drenthe'),
  ('EEMLAND', 'Eemland'),
  ('FLEVOLAND', 'Flevoland'),
  ('FOOD-VALLEY', 'Food Valley'),
  ('FRIESLAND', 'Fryslân'),
  ('GELDERLAND-ZUID', 'Gelderland-Zuid'),
  ('GOOI-VECHTSTREEK', 'Gooi en Vechtstreek'),
  ('GRONINGEN', 'Groningen'),
  ('HAAGLANDEN', 'Haaglanden'),
  ('HART-VAN-BRABANT', 'Hart van Brabant'),
  ('HOLLAND-RIJNLAND', 'Holland Rijnland'),
  ('IJMOND', 'IJmond'),
  ('IJSSELLAND', 'IJsselland'),
  ('KENNEMERLAND', 'Zuid-Kennemerland'),
  ('LEKSTROOM', 'Lekstroom'),
  ('MIDDEN-HOLLAND', 'Midden-Holland'),
  ('MIDDEN-IJSSEL-OOST-VELUWE', 'Midden-IJssel/Oost-Veluwe'),
  ('MIDDEN-LIMBURG-OOST', 'Midden-Limburg Oost'),
  ('MIDDEN-LIMBURG-WEST', 'Midden-Limburg West'),
  ('NOORD-HOLLAND-NOORD', 'Noord-Holland Noord'),
  ('NOORD-LIMBURG', 'Noord-Limburg'),
  ('NOORD-VELUWE', 'Noord-Veluwe'),
  ('NOORDOOST-BRABANT', 'Noordoost-Brabant'),
  ('RIJNMOND', 'Rijnmond'),
  ('RIVIERENLAND', 'Rivierenland'),
  ('TWENTE', 'Twente'),
  ('UTRECHT-STAD', 'Utrecht Stad'),
  ('UTRECHT-WEST', 'Utrecht West'),
  ('WEST-BRABANT-OOST', 'West-Brabant-Oost'),
  ('WEST-BRABANT-WEST', 'West-Brabant-West'),
  ('ZAANSTREEK-WATERLAND', 'Zaanstreek-Waterland'),
  ('ZEELAND', 'Zeeland'),
  ('ZUID-HOLLAND-ZUID', 'Zuid-Holland Zuid'),
  ('ZUID-LIMBURG', 'Zuid-Limburg'),
  ('ZUIDOOST-BRABANT', 'Zuidoost-Brabant'),
  ('ZUIDOOST-UTRECHT', 'Zuidoost-Utrecht');

INSERT INTO registry.municipality (cbs_code, name, region_code) VALUES
  ('0141', 'Almelo', 'TWENTE'),
  ('0147', 'Borne', 'TWENTE'),
  ('1774', 'Dinkelland', 'TWENTE'),
  ('0153', 'Enschede', 'TWENTE'),
  ('0158', 'Haaksbergen', 'TWENTE'),
  ('0163', 'Hellendoorn', 'TWENTE'),
  ('0164', 'Hengelo (O.)', 'TWENTE'),
  ('1735', 'Hof van Twente', 'TWENTE'),
  ('0168', 'Losser', 'TWENTE'),
  ('0173', 'Oldenzaal', 'TWENTE'),
  ('1742', 'Rijssen-Holten', 'TWENTE'),
  ('0183', 'Tubbergen', 'TWENTE'),
  ('1700', 'Twenterand', 'TWENTE'),
  ('0189', 'Wierden', 'TWENTE');

INSERT INTO registry.product_category (law, code, name, legacy) VALUES
  ('jeugdwet', '31', 'Jeugd-ggz (oude indeling)', true),
  ('jeugdwet', '32', 'Jeugdhulp met verblijf (oude indeling)', true),
  ('jeugdwet', '33', 'Jeugdhulp ambulant (oude indeling)', true),
  ('jeugdwet', '34', 'Jeugdhulp dagbehandeling (oude indeling)', true),
  ('jeugdwet', '35', 'Jeugdhulp crisis (oude indeling)', true),
  ('jeugdwet', '36', 'Jeugdbescherming/jeugdreclassering (oude indeling)', true),
  ('jeugdwet', '37', 'Gesloten plaatsing (oude indeling)', true),
  ('jeugdwet', '38', 'Overige (oude indeling)', true),
  ('jeugdwet', '40', 'Persoonlijke verzorging', false),
  ('jeugdwet', '41', 'Dagbehandeling', false),
  ('jeugdwet', '42', 'Vervoerdiensten', false),
  ('jeugdwet', '43', 'Verblijf inclusief behandeling', false),
  ('jeugdwet', '44', 'Verblijf exclusief behandeling', false),
  ('jeugdwet', '45', 'Ambulant', false),
  ('jeugdwet', '46', 'Crisis', false),
  ('jeugdwet', '47', 'Jeugdreclassering', false),
  ('jeugdwet', '48', 'Jeugdbescherming', false),
  ('jeugdwet', '49', 'Preventief justitieel kader', false),
  ('jeugdwet', '50', 'Maatwerkarrangementen', false),
  ('jeugdwet', '51', 'Generalistische basis-ggz', false),
  ('jeugdwet', '52', 'Specialistische ggz', false),
  ('jeugdwet', '53', 'Kindergeneeskunde', false),
  ('jeugdwet', '54', 'Jeugd-ggz', false),
  ('jeugdwet', '55', 'Landelijk ingekochte zorg', false),
  ('wmo', '01', 'Hulp bij het huishouden', false),
  ('wmo', '02', 'Begeleiding', false),
  ('wmo', '03', 'Persoonlijke verzorging', false),
  ('wmo', '04', 'Kortdurend verblijf', false),
  ('wmo', '05', 'Woondiensten', false),
  ('wmo', '06', 'Overige ondersteuning', false),
  ('wmo', '07', 'Dagbesteding', false),
  ('wmo', '08', 'Vervoerdiensten', false),
  ('wmo', '09', 'Overige groepsgerichte ondersteuning', false),
  ('wmo', '10', 'Overige maatwerkarrangementen', false),
  ('wmo', '11', 'Rolstoelen', false),
  ('wmo', '12', 'Vervoervoorzieningen', false),
  ('wmo', '13', 'Woonvoorzieningen', false),
  ('wmo', '14', 'Overige hulpmiddelen', false),
  ('wmo', '15', 'Beschermd wonen', false),
  ('wmo', '16', 'Opvang', false),
  ('wmo', '17', 'Spoedopvang', false),
  ('wmo', '18', 'Overige', false);

INSERT INTO registry.unit (code, name) VALUES
  ('01', 'minuut'),
  ('04', 'uur'),
  ('14', 'etmaal'),
  ('16', 'dagdeel (4 uur)'),
  ('82', 'stuks (output)'),
  ('83', 'euro''s'),
  ('84', 'stuks (inspanning)');

INSERT INTO registry.joint_task (code, name) VALUES
  ('JEUGD', 'Inkoop en contractmanagement jeugdhulp'),
  ('WMO', 'Inkoop Wmo-maatwerkvoorzieningen'),
  ('KIT', 'KIT-screening (kwaliteit en integriteit)'),
  ('HO', 'Contractmanagement huishoudelijke ondersteuning'),
  ('VERVOER', 'Doelgroepenvervoer'),
  ('AMBULANT', 'Ambulante jeugdhulp Twents Model');

-- Youth care, Wmo purchasing and KIT: all 14.
INSERT INTO registry.task_participation (task_code, cbs_code, valid_from)
  SELECT t.code, m.cbs_code, DATE '2015-01-01'
  FROM registry.joint_task t CROSS JOIN registry.municipality m
  WHERE t.code IN ('JEUGD', 'WMO');
INSERT INTO registry.task_participation (task_code, cbs_code, valid_from)
  SELECT 'KIT', cbs_code, DATE '2024-01-01' FROM registry.municipality;
-- HO: 13 municipalities; Rijssen-Holten contracts separately.
INSERT INTO registry.task_participation (task_code, cbs_code, valid_from)
  SELECT 'HO', cbs_code, DATE '2015-01-01' FROM registry.municipality WHERE cbs_code <> '1742';
-- Doelgroepenvervoer, tendered in 2023: 10 municipalities; Almelo, Borne, Hof van Twente and
-- Rijssen-Holten do not take part.
INSERT INTO registry.task_participation (task_code, cbs_code, valid_from)
  SELECT 'VERVOER', cbs_code, DATE '2024-01-01' FROM registry.municipality
  WHERE cbs_code NOT IN ('0141', '0147', '1735', '1742');
-- Ambulant youth care in the Twents Model: Almelo and Hof van Twente left at the end of 2017.
INSERT INTO registry.task_participation (task_code, cbs_code, valid_from, valid_to)
  SELECT 'AMBULANT', cbs_code, DATE '2015-01-01',
         CASE WHEN cbs_code IN ('0141', '1735') THEN DATE '2017-12-31' END
  FROM registry.municipality;
