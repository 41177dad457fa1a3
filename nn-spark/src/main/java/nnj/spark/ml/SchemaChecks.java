package nnj.spark.ml;

import nnj.api.data.Task;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Input column checks with messages that say what to do, and the output columns scoring appends. */
final class SchemaChecks {
    private SchemaChecks() {
    }

    static void requireVector(StructType schema, String column) {
        StructField f = field(schema, column);
        if (!f.dataType().equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException("column " + column + " is " + f.dataType().simpleString()
                    + ", not an ml Vector; assemble the features with VectorAssembler");
        }
    }

    static void requireNumeric(StructType schema, String column) {
        StructField f = field(schema, column);
        if (!(f.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("column " + column + " is " + f.dataType().simpleString()
                    + ", not a number; index string labels with StringIndexer");
        }
    }

    static StructType withOutputs(StructType schema, Task task, String prediction, String probability, String raw) {
        StructType out = schema;
        if (task == Task.CLASSIFICATION) {
            out = add(out, raw, true);
            out = add(out, probability, true);
        }
        return add(out, prediction, false);
    }

    private static StructType add(StructType schema, String column, boolean vector) {
        if (java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("the DataFrame already has a column " + column
                    + "; choose another output column name");
        }
        return schema.add(column, vector ? SQLDataTypes.VectorType() : DataTypes.DoubleType, false);
    }

    private static StructField field(StructType schema, String column) {
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("the DataFrame has no column " + column + " (it has "
                    + String.join(", ", schema.fieldNames()) + ")");
        }
        return schema.apply(column);
    }
}
